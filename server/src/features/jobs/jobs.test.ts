import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, givenMunicipality, signIn, testApp, uniq, usingPostgres } from '../../../test/harness';
import { hashToken } from '../auth/auth.service';
import { type Jobs, SESSION_CLEANUP, startJobs } from './jobs.service';

/** Polls until check returns a value other than undefined, or fails after the timeout. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tokenOf = (cookie: string) => cookie.slice('lotse_session='.length);

describe(`background jobs on ${usingPostgres() ? 'PostgreSQL' : 'the embedded database'}`, () => {
  let t: TestApp;
  let jobs: Jobs;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await testApp();
    jobs = await startJobs(t.config, t.db, (m) => logs.push(m));
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.app.close();
  });

  const sessionExists = (cookie: string) =>
    t.db.system(
      async (tx) =>
        (await tx.query(`SELECT 1 FROM session WHERE id_hash = $1`, [hashToken(tokenOf(cookie))])).rows
          .length === 1,
    );

  it('runs a job sent to a queue through its handler with its data', async () => {
    const queue = `test-${uniq()}`;
    let received: (data: Record<string, unknown>) => void;
    const done = new Promise<Record<string, unknown>>((resolve) => (received = resolve));
    await jobs.work(queue, async (data) => received(data));
    const id = await jobs.send(queue, { greeting: 'Hallo', n: 42 });
    expect(id).toEqual(expect.any(String));
    const data = await Promise.race([
      done,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the handler never ran')), 15_000)),
    ]);
    expect(data).toEqual({ greeting: 'Hallo', n: 42 });
    const state = await eventually(async () => {
      const job = await jobs.boss.getJobById(queue, id!);
      return job?.state === 'completed' ? job.state : undefined;
    }, 'the job to complete');
    expect(state).toBe('completed');
  });

  it('marks a job whose handler throws as failed, not completed', async () => {
    const queue = `test-failing-${uniq()}`;
    await jobs.boss.createQueue(queue, { retryLimit: 0 });
    await jobs.work(queue, async () => {
      throw new Error('handler failed on purpose');
    });
    const id = await jobs.send(queue, {});
    const state = await eventually(async () => {
      const job = await jobs.boss.getJobById(queue, id!);
      return job && job.state !== 'created' && job.state !== 'active' ? job.state : undefined;
    }, 'the job to fail');
    expect(state).toBe('failed');
  });

  it('schedules the session clean-up every 15 minutes', async () => {
    const schedules = await jobs.boss.getSchedules(SESSION_CLEANUP);
    expect(schedules.map((s) => s.cron)).toEqual(['*/15 * * * *']);
  });

  it('removes sessions past their idle or absolute limit and keeps live ones', async () => {
    const g = await givenMunicipality(t.db);
    const [live, idle, expired, recent] = await Promise.all([
      signIn(t.app, g.users.front_desk),
      signIn(t.app, g.users.caseworker),
      signIn(t.app, g.users.case_manager),
      signIn(t.app, g.users.agency_lead),
    ]);
    await t.db.system(async (tx) => {
      await tx.query(`UPDATE session SET last_seen_at = now() - interval '2 hours' WHERE id_hash = $1`, [
        hashToken(tokenOf(idle)),
      ]);
      await tx.query(
        `UPDATE session SET absolute_expires_at = now() - interval '1 minute' WHERE id_hash = $1`,
        [hashToken(tokenOf(expired))],
      );
      // Idle for less than the 30-minute limit: still live.
      await tx.query(`UPDATE session SET last_seen_at = now() - interval '20 minutes' WHERE id_hash = $1`, [
        hashToken(tokenOf(recent)),
      ]);
    });

    const id = await jobs.send(SESSION_CLEANUP);
    await eventually(async () => {
      const job = await jobs.boss.getJobById(SESSION_CLEANUP, id!);
      return job?.state === 'completed' ? true : undefined;
    }, 'the session clean-up to complete');

    expect(await sessionExists(idle)).toBe(false);
    expect(await sessionExists(expired)).toBe(false);
    expect(await sessionExists(live)).toBe(true);
    expect(await sessionExists(recent)).toBe(true);
    // Another test file's worker on the same server may have run this job, and logged it there.
    if (!usingPostgres())
      expect(logs).toContainEqual(expect.stringMatching(/^removed \d+ expired sessions$/));

    for (const cookie of [live, recent]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(res.statusCode).toBe(200);
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: idle } });
    expect(res.statusCode).toBe(401);
  });

  it('keeps sessions that the clean-up finds all live', async () => {
    const g = await givenMunicipality(t.db);
    const cookie = await signIn(t.app, g.users.municipal_admin);
    const id = await jobs.send(SESSION_CLEANUP);
    await eventually(async () => {
      const job = await jobs.boss.getJobById(SESSION_CLEANUP, id!);
      return job?.state === 'completed' ? true : undefined;
    }, 'the session clean-up to complete');
    expect(await sessionExists(cookie)).toBe(true);
  });
});
