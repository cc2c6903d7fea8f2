import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Role } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, testConfig } from '../../../test/harness';
import { berlinDay, berlinInstant } from './slots';

/** Test data and helpers of the appointments tests. */

type M = Awaited<ReturnType<typeof givenMunicipality>>;
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: '08:00', ends: '12:00' }));

/** A day some days ahead (Europe/Berlin), far enough for reminders and from "now". */
export const dayAhead = (days: number) => berlinDay(new Date(Date.now() + days * 86_400_000));
export const at = (day: string, hhmm: string) =>
  berlinInstant(day, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))).toISOString();

/** A municipality with signed-in staff, an appointment service of the Ausländerbehörde and helpers. */
export async function given(t: TestApp) {
  const m: M = await givenMunicipality(t.db);
  const cookies: Record<string, string> = {};
  const call = async (
    who: Role | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => {
    if (who) cookies[who] ??= await signIn(t.app, m.users[who]);
    return t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookies[who] } : {},
      ...(payload ? { payload } : {}),
    });
  };
  const ok = async (res: Res, status = 200) => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };
  const staffId = (role: Role) => m.staff.get(m.users[role])!.id;
  const abh = m.agencies.get('abh')!.id;
  const schedule = (role: Role, body: object) =>
    call('agency_lead', 'PUT', `/api/appointments/schedules/${staffId(role)}`, body);
  const createService = async (body: object) =>
    (await ok(
      await call('agency_lead', 'POST', '/api/appointments/services', {
        agencyId: abh,
        name: 'Verlängerung Aufenthaltstitel',
        names: { ar: 'تمديد تصريح الإقامة', en: 'Extension of residence title' },
        durationMinutes: 30,
        ...body,
      }),
      201,
    )) as { id: string; staff: { id: string }[] };
  const slots = async (serviceId: string, day: string, who: Role | null = 'front_desk') =>
    (
      (await ok(
        await call(who, 'GET', `/api/appointments/slots?serviceId=${serviceId}&from=${day}&to=${day}`),
      )) as { slots: { startsAt: string; free: number; urgentOnly: boolean }[] }
    ).slots;
  const book = (serviceId: string, startsAt: string, body: object = {}, who: Role = 'front_desk') =>
    call(who, 'POST', '/api/appointments', { serviceId, startsAt, name: 'Amal Haddad', ...body });
  return { m, call, ok, staffId, abh, schedule, createService, slots, book };
}

export async function solved(t: TestApp) {
  const res = await t.app.inject({ method: 'GET', url: '/api/appointments/public/challenge' });
  const challenge = res.json();
  const solution = await solveChallenge({ challenge, deriveKey });
  return { challenge, solution: solution! };
}

export const appointmentConfig = () => ({
  ...testConfig().appointments,
  powDifficulty: 2,
  publicRatePerMinute: 10_000,
});
