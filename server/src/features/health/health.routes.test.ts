import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.app.close());

  it('answers 200 with status ok once migrations are applied', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database is not migrated', async () => {
    const { openDatabase } = await import('../../db/database');
    const { buildApp } = await import('../../app');
    const db = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp({ config: t.config, db });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    await app.close();
    await db.close();
  });
});
