import type { Role } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, uniq } from '../../../test/harness';

/** Test factories of the queue: a municipality with signed-in staff, services, counters and tickets over HTTP. */

type M = Awaited<ReturnType<typeof givenMunicipality>>;
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
type Method = 'GET' | 'POST' | 'PUT';

const ALWAYS = { weekdays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '23:59' };

/** A municipality with signed-in staff, a site and helpers for services, counters and tickets. */
export async function givenQueue(t: TestApp) {
  const m: M = await givenMunicipality(t.db, { sharing: 'open' });
  const cookies: Partial<Record<Role, string>> = {};
  const call = async (who: Role, method: Method, url: string, payload?: object) => {
    cookies[who] ??= await signIn(t.app, m.users[who]);
    return t.app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
  };
  const ok = async (res: Res | Promise<Res>, status = 200) => {
    const r = await res;
    if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  const setup = await ok(call('agency_lead', 'GET', '/api/queue/setup'));
  const siteId: string = setup.sites[0].id;
  const agency = (code: string) => m.agencies.get(code)!.id;
  let prefixes = 0;
  const service = async (fields: object = {}) =>
    ok(
      call('agency_lead', 'POST', '/api/queue/services', {
        agencyId: agency('verwaltung'),
        siteId,
        name: `Dienst ${uniq()}`,
        prefix: 'ABCDEFGHIJ'[prefixes++ % 10],
        ...ALWAYS,
        ...fields,
      }),
      201,
    );
  const counter = async (serviceIds: string[], fields: object = {}) =>
    ok(
      call('agency_lead', 'POST', '/api/queue/counters', {
        siteId,
        name: `Schalter ${uniq()}`,
        room: `E.${uniq().slice(0, 2)}`,
        serviceIds,
        ...fields,
      }),
      201,
    );
  const ticket = async (serviceId: string, fields: object = {}) =>
    ok(call('front_desk', 'POST', '/api/queue/tickets', { serviceId, ...fields }), 201);
  return { m, call, ok, siteId, agency, service, counter, ticket };
}
