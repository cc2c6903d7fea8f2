// A small HTTP client for the benchmark and the crash test: keep-alive connections with a bound, JSON bodies, a
// session cookie, and an optional client address (X-Forwarded-For) so that many simulated phones and kiosks are
// told apart by the public endpoints' per-address rate limits, as distinct devices would be.
import http from 'node:http';

/** An answer: status, parsed JSON body, time taken, and the session cookie it set (sign-in). */
export type Reply<T = unknown> = { status: number; body: T; ms: number; cookie: string | null };

export type Client = {
  request<T = unknown>(
    method: string,
    path: string,
    opts?: { body?: unknown; cookie?: string | null; address?: string },
  ): Promise<Reply<T>>;
  /** Signs a staff member in; answers the session cookie. */
  signIn(username: string, password: string): Promise<string>;
  close(): void;
};

/** A client of the server at `base` with at most `maxSockets` requests on the wire at once. */
export function httpClient(base: string, maxSockets = 64): Client {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const origin = new URL(base);
  const client: Client = {
    request<T>(
      method: string,
      path: string,
      opts: { body?: unknown; cookie?: string | null; address?: string } = {},
    ) {
      const payload = opts.body === undefined ? null : JSON.stringify(opts.body);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (payload !== null) headers['content-type'] = 'application/json';
      if (opts.cookie) headers.cookie = opts.cookie;
      if (opts.address) headers['x-forwarded-for'] = opts.address;
      const started = performance.now();
      return new Promise<Reply<T>>((resolve, reject) => {
        const req = http.request(
          { host: origin.hostname, port: origin.port, path, method, headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', reject);
            res.on('end', () => {
              const ms = performance.now() - started;
              const text = Buffer.concat(chunks).toString();
              let body: unknown = text;
              try {
                body = text ? JSON.parse(text) : null;
              } catch {
                // not JSON: keep the text
              }
              const cookie = res.headers['set-cookie']?.find((c) => c.startsWith('lotse_session='));
              resolve({
                status: res.statusCode ?? 0,
                body: body as T,
                ms,
                cookie: cookie?.split(';')[0] ?? null,
              });
            });
          },
        );
        req.on('error', reject);
        req.end(payload ?? undefined);
      });
    },
    async signIn(username, password) {
      const res = await client.request('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200 || !res.cookie)
        throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.cookie;
    },
    close: () => agent.destroy(),
  };
  return client;
}

/** A distinct client address per simulated device (10.x.y.z). */
export const deviceAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
