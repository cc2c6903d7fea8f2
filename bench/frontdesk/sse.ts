// A server-sent event client that behaves like the browser's EventSource as the web pages use it: it reads the
// stream over a real HTTP connection, honours `retry:`, and reconnects by itself after the connection ends, fails
// or answers an HTTP error (the pages reopen an EventSource that gave up). One socket per stream.
import http from 'node:http';

export type SseEvent = { event: string; data: string; id: string | null; at: number };

export type SseOptions = {
  /** A distinct client address (X-Forwarded-For) for the public endpoints' per-address rate limits. */
  address?: string;
  /** The reconnect delay until the stream names one with `retry:` (EventSource's default is about 3 s). */
  retryMs?: number;
  onEvent: (e: SseEvent) => void;
  /** Called when a connection is lost (not on close()): why, for counting. */
  onDrop?: (why: string) => void;
  /** Called each time a connection is open (status 200). */
  onOpen?: () => void;
};

export class EventStream {
  /** Connections opened (200), drops seen, and whether it is open now. */
  opens = 0;
  drops = 0;
  open = false;
  private retryMs: number;
  private req: http.ClientRequest | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly opts: SseOptions,
  ) {
    this.retryMs = opts.retryMs ?? 3000;
    this.connect();
  }

  close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.req?.destroy();
    this.req = null;
    this.open = false;
  }

  private connect() {
    if (this.closed) return;
    let dropped = false;
    const drop = (why: string) => {
      if (dropped || this.closed) return;
      dropped = true;
      this.open = false;
      this.drops++;
      this.req?.destroy();
      this.req = null;
      this.opts.onDrop?.(why);
      this.timer = setTimeout(() => this.connect(), this.retryMs);
    };
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.opts.address) headers['x-forwarded-for'] = this.opts.address;
    const req = http.get(this.url, { headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        drop(`http ${res.statusCode}`);
        return;
      }
      this.open = true;
      this.opens++;
      this.opts.onOpen?.();
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          this.dispatch(block);
        }
      });
      res.on('end', () => drop('ended'));
      res.on('error', (err) => drop(errorKind(err)));
    });
    req.on('error', (err) => drop(errorKind(err)));
    this.req = req;
  }

  private dispatch(block: string) {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    }
    if (data.length > 0) this.opts.onEvent({ event, data: data.join('\n'), id, at: performance.now() });
  }
}

const errorKind = (err: unknown) => (err as { code?: string }).code ?? String(err);
