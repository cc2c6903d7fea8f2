// The real Lotse server as a child process, as `npm start` runs it (tsx on server/src/server.ts), for the
// front-desk benchmark and the crash test. Node runs the server itself (`node --import tsx`), so the pid is the
// server's: SIGKILL kills it, and /proc/<pid>/status is its memory.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type ServerOptions = {
  port: number;
  /** PGlite's folder (also the data folder for documents); kept across restarts. */
  dataDir: string;
  /** PostgreSQL instead of the embedded database. */
  databaseUrl?: string | undefined;
  /** More variables for the server (they win over the defaults here). */
  env?: Record<string, string>;
  /** How long to wait for /api/health. */
  readyTimeoutMs?: number;
  /** More options for Node (for example `--cpu-prof --cpu-prof-dir=DIR` to profile the server). */
  nodeArgs?: string[];
};

export type ServerProcess = {
  url: string;
  pid: number;
  /** The server's resident memory now, in MiB (0 when it is gone). */
  rssMiB(): number;
  /** Resolves with the exit code or signal when the process has ended. */
  readonly exited: Promise<string>;
  /** The last lines the server wrote (for a report when something fails). */
  tail(): string;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<string>;
  /** SIGTERM: the server's own graceful shutdown. */
  stop(): Promise<string>;
};

/** Starts the server and waits until it answers /api/health. */
export async function startServer(opts: ServerOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${opts.port}`;
  const log: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/src/server.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.homedir(),
        PORT: String(opts.port),
        HOST: '127.0.0.1',
        DATA_DIR: opts.dataDir,
        LOTSE_MODE: 'demo',
        LOG_LEVEL: 'warn',
        // The simulated phones and kiosks send their own addresses (X-Forwarded-For), as behind the house's proxy.
        TRUST_PROXY: 'true',
        ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  let gone: string | null = null;
  void exited.then((how) => (gone = how));
  const pid = child.pid!;
  const server: ServerProcess = {
    url,
    pid,
    rssMiB: () => rssMiB(pid),
    exited,
    tail: () => log.join('').split('\n').slice(-40).join('\n'),
    kill: () => {
      if (gone === null) child.kill('SIGKILL');
      return exited;
    },
    stop: () => {
      if (gone === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 240_000);
  for (;;) {
    if (gone !== null) throw new Error(`the server ended (${gone}) before it was ready:\n${server.tail()}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(
        `the server was not ready within ${opts.readyTimeoutMs ?? 240_000} ms:\n${server.tail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Resident memory of a process in MiB, from /proc (0 when it is gone or not on Linux). */
export function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A fresh database on a PostgreSQL server (never assume an empty one); `drop` removes it again. */
export async function freshPostgres(
  baseUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh temporary folder. */
export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
