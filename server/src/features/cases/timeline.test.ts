import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp, uniq } from '../../../test/harness';
import { givenQueue } from '../queue/queue.fixtures';

/** The person's timeline takes the front desk's sources too, each through the access function. */
describe("a person's timeline with the front desk's sources", () => {
  let t: TestApp;
  let q: Awaited<ReturnType<typeof givenQueue>>;
  beforeAll(async () => {
    t = await testApp();
    q = await givenQueue(t);
  });
  afterAll(() => t.app.close());

  it('shows the tickets linked to the person, of the agencies whose contact data the viewer may see', async () => {
    const person = await q.ok(
      q.call('caseworker', 'POST', '/api/persons', {
        name: { givenNames: 'Samira', familyName: `Zeitleiste-${uniq()}` },
        confirmNew: true,
      }),
      201,
    );
    const own = await q.service({ agencyId: q.agency('abh'), name: 'Aufenthaltstitel abholen' });
    const ticket = await q.ticket(own.id, { personId: person.id });
    const timeline = await q.ok(q.call('caseworker', 'GET', `/api/persons/${person.id}/timeline`));
    const tickets = timeline.entries.filter((e: { source: string }) => e.source === 'ticket');
    expect(tickets).toEqual([
      expect.objectContaining({
        kind: 'ticket.waiting',
        title: `${ticket.number} · Aufenthaltstitel abholen`,
        agencyName: 'Ausländerbehörde',
      }),
    ]);
    // The read of the tickets is audited on the person, naming the view.
    const audited = await t.db.system(
      async (tx) =>
        (
          await tx.query(
            `SELECT 1 FROM audit_log WHERE subject_id = $1 AND action = 'person.read' AND details->>'view' = $2`,
            [person.id, 'timeline.tickets'],
          )
        ).rows.length,
    );
    expect(audited).toBe(1);
  });

  it('leaves out what the viewer may not see: a partner without consent gets no timeline at all', async () => {
    const person = await q.ok(
      q.call('caseworker', 'POST', '/api/persons', {
        name: { givenNames: 'Omid', familyName: `Zeitleiste-${uniq()}` },
        confirmNew: true,
      }),
      201,
    );
    await q.ticket((await q.service({ agencyId: q.agency('abh') })).id, { personId: person.id });
    const res = await q.call('partner_staff', 'GET', `/api/persons/${person.id}/timeline`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Zeitleiste');
  });
});
