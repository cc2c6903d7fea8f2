import { fromPglite, PgBoss } from 'pg-boss';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createMailer } from '../../lib/mail';
import { createSmsProvider } from '../../lib/sms';
import { registerAppointmentJobs } from '../appointments/appointments.service';
import { purgeExpiredSessions } from '../auth/auth.service';
import { deriveDeadlinesEverywhere } from '../cases/cases.service';
import { runRetentionEverywhere } from '../privacy/retention.service';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

/** Background jobs in PostgreSQL (pg-boss), on the embedded database and on a server alike. */
export type Jobs = {
  boss: PgBoss;
  /** Registers a handler for a queue (created if missing). */
  work(name: string, handler: JobHandler): Promise<void>;
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
};

export const SESSION_CLEANUP = 'session-cleanup';
export const RETENTION_RUN = 'retention-run';
export const CASE_DEADLINES = 'case-deadlines';

/** Starts pg-boss and the foundation's scheduled jobs. */
export async function startJobs(config: Config, db: Database, log: (msg: string) => void): Promise<Jobs> {
  const boss = db.pglite
    ? new PgBoss({ db: fromPglite(db.pglite), backend: 'pglite', schema: 'pgboss' })
    : new PgBoss({ connectionString: db.connectionString!, schema: 'pgboss', max: 4 });
  boss.on('error', (err: Error) => log(`job system error: ${err.message}`));
  await boss.start();
  const jobs: Jobs = {
    boss,
    async work(name, handler) {
      await boss.createQueue(name);
      await boss.work<Record<string, unknown>>(name, { pollingIntervalSeconds: 1 }, async (batch) => {
        for (const job of batch) await handler(job.data ?? {});
      });
    },
    send: (name, data = {}) => boss.send(name, data),
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
  await jobs.work(SESSION_CLEANUP, async () => {
    const n = await purgeExpiredSessions({ config, db });
    if (n > 0) log(`removed ${n} expired sessions`);
  });
  await boss.schedule(SESSION_CLEANUP, '*/15 * * * *');
  // Retention rules, every night for every municipality (one transaction each).
  await jobs.work(RETENTION_RUN, async () => {
    await runRetentionEverywhere(db, log);
  });
  await boss.schedule(RETENTION_RUN, '30 2 * * *', null, { tz: 'Europe/Berlin' });
  // Case management: expiring residence documents, ending courses and unanswered referrals become tasks (hourly).
  await jobs.work(CASE_DEADLINES, async () => {
    await deriveDeadlinesEverywhere(db, log);
  });
  await boss.schedule(CASE_DEADLINES, '10 * * * *', null, { tz: 'Europe/Berlin' });
  // Appointments: confirmation and reminder mails over SMTP (or to the log), SMS reminders; retried with backoff.
  const mailer = createMailer(config.mail, log);
  await registerAppointmentJobs(jobs, { config, db }, mailer, createSmsProvider(config.mail, log), log);
  return jobs;
}
