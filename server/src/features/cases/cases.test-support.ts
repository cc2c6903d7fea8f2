import type { TestApp } from '../../../test/harness';

/** Helpers of the case management tests: calling the API as a signed-in staff member, expecting a status. */

export type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** A day `offset` days from today, as YYYY-MM-DD. */
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The body of a response with the expected status, or an error naming the status and body received. */
export const ok = (res: Res, status = 200) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json();
};

/** Calls the API with the session of `who` (its cookie in `cookies`); the app is read when called. */
export const caller =
  <Who extends string>(app: () => TestApp, cookies: Partial<Record<Who, string>>) =>
  (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app().app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
