import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { seedDemoIfEmpty } from './features/demo/demo.service';
import { type Jobs, startJobs } from './features/jobs/jobs.service';

export type Lotse = {
  app: FastifyInstance;
  db: Database;
  jobs: Jobs | null;
  seeded: boolean;
  close(): Promise<void>;
};

/** Opens the database, migrates it, seeds the demo (demo mode), starts jobs and builds the app. */
export async function startLotse(
  config: Config,
  opts: { logStream?: NodeJS.WritableStream } = {},
): Promise<Lotse> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  const seeded = config.mode === 'demo' ? await seedDemoIfEmpty(db, config) : false;
  // Jobs may report before the app (and its logger) exists; until then their lines go to stdout.
  let app: FastifyInstance | null = null;
  const jobs = config.jobs
    ? await startJobs(config, db, (m) => (app ? app.log.info(m) : console.log(m)))
    : null;
  app = await buildApp({ config, db, jobs, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  const built = app;
  return {
    app: built,
    db,
    jobs,
    seeded,
    async close() {
      await built.close();
      await jobs?.stop();
      await db.close();
    },
  };
}
