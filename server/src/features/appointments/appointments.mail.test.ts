import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import ical, { type VEvent } from 'node-ical';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@lotse/common';
import { buildApp } from '../../app';
import { createMailer } from '../../lib/mail';
import { givenMunicipality, signIn, testConfig, testDb } from '../../../test/harness';
import type { Database } from '../../db/database';
import { type Jobs, startJobs } from '../jobs/jobs.service';
import { APPOINTMENT_MAIL, APPOINTMENT_REMINDER, sendOutboxMail } from './appointments.service';
import { appointmentConfig, at, dayAhead } from './appointments.fixtures';
import { berlinDay } from './slots';

/**
 * Mails over real SMTP (an smtp-server started in the test), sent by pg-boss jobs: the confirmation and reminder in
 * the person's language with the iCalendar file and the manage link, retries, SMS reminders; and check-in into the
 * walk-in queue.
 */

type Received = { raw: string; to: string[] };

describe('appointment mails and check-in', () => {
  let smtp: SMTPServer;
  const received: Received[] = [];
  let rejectNext = 0;
  let port = 0;
  let db: Database;
  let app: FastifyInstance;
  let jobs: Jobs;
  const logs: string[] = [];
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  const cookies: Record<string, string> = {};

  const call = async (who: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    cookies[who] ??= await signIn(app, m.users[who]);
    return app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
  };
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };
  const staffId = (role: Role) => m.staff.get(m.users[role])!.id;

  /** Waits until a message to the address arrives, and parses it. */
  async function mailTo(address: string, count = 1) {
    const until = Date.now() + 30_000;
    for (;;) {
      const mine = received.filter((r) => r.to.includes(address));
      if (mine.length >= count) return PostalMime.parse(mine[count - 1]!.raw);
      if (Date.now() > until) throw new Error(`no mail to ${address}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const icsOf = (mail: Awaited<ReturnType<typeof mailTo>>) => {
    const file = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
    const text = typeof file!.content === 'string' ? file!.content : new TextDecoder().decode(file!.content);
    const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT');
    return { text, event: events[0] as VEvent };
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (rejectNext > 0) {
            rejectNext--;
            return done(new Error('451 try again later'));
          }
          received.push({
            raw: Buffer.concat(chunks).toString('utf8'),
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;

    db = await testDb();
    const config = testConfig({
      login: { ...testConfig().login, ratePerMinute: 1000 },
      appointments: appointmentConfig(),
      mail: {
        smtp: { host: '127.0.0.1', port, secure: false },
        from: 'Lotse <termine@lotse.test>',
        sms: 'log',
      },
    });
    jobs = await startJobs(config, db, (msg) => logs.push(msg));
    const logStream = new Writable({ write: (_c, _e, done) => done() });
    app = await buildApp({ config, db, jobs, logStream });
    await app.ready();
    m = await givenMunicipality(db);
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: '00:00', ends: '23:55' }));
    await ok(
      await call('agency_lead', 'PUT', `/api/appointments/schedules/${staffId('caseworker')}`, {
        languages: ['de', 'ar'],
        hours: allDay,
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await jobs?.stop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  const newService = async (body: object = {}) =>
    (await ok(
      await call('agency_lead', 'POST', '/api/appointments/services', {
        agencyId: m.agencies.get('abh')!.id,
        name: `Termin ${Math.random().toString(36).slice(2, 8)}`,
        names: { ar: 'موعد دائرة الأجانب' },
        durationMinutes: 15,
        staffIds: [staffId('caseworker')],
        ...body,
      }),
      201,
    )) as { id: string };

  it('sends the confirmation over SMTP in the person’s language with the calendar file and the manage link', async () => {
    const s = await newService();
    const startsAt = at(dayAhead(3), '10:00');
    const a = await ok(
      await call('front_desk', 'POST', '/api/appointments', {
        serviceId: s.id,
        startsAt,
        name: 'Amal Haddad',
        email: 'amal.confirm@example.org',
        language: 'ar',
      }),
      201,
    );
    const mail = await mailTo('amal.confirm@example.org');
    expect(mail.subject).toBe('تم تأكيد موعدك: موعد دائرة الأجانب');
    expect(mail.text).toContain('مرحبًا Amal Haddad،');
    const link = /http:\/\/\S+\/book\/manage\/([\w-]+)/.exec(mail.text!)!;
    expect(link).not.toBeNull();
    const { text, event } = icsOf(mail);
    expect(text).toContain(`DTSTART;TZID=Europe/Berlin:${dayAhead(3).replaceAll('-', '')}T100000`);
    expect(text).toContain('BEGIN:VTIMEZONE');
    // DTSTAMP is a UTC date-time (RFC 5545 3.8.7.2), written when the mail was composed.
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    expect(Math.abs(new Date(event.dtstamp).getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(new Date(event.start).toISOString()).toBe(startsAt);
    expect(new Date(event.end!).getTime() - new Date(event.start).getTime()).toBe(15 * 60_000);
    expect(event.summary).toContain('موعد دائرة الأجانب');
    expect(event.uid).toBe(`${a.id}@lotse`);
    // The link works on the public page.
    const shown = await app.inject({ method: 'GET', url: `/api/appointments/public/${link[1]}` });
    expect(shown.json()).toMatchObject({ status: 'booked', startsAt, language: 'ar' });
    const outbox = await ok(
      await call('front_desk', 'GET', `/api/appointments/outbox?appointmentId=${a.id}`),
    );
    expect(outbox).toEqual([expect.objectContaining({ kind: 'confirmation', status: 'sent' })]);
  });

  it('sends the reminder with a working link, and an SMS through the provider', async () => {
    const s = await newService();
    const startsAt = at(dayAhead(4), '09:00');
    const a = await ok(
      await call('front_desk', 'POST', '/api/appointments', {
        serviceId: s.id,
        startsAt,
        name: 'Oleksandr Koval',
        email: 'oleksandr@example.org',
        phone: '+49 202 555 123',
        language: 'uk',
      }),
      201,
    );
    await mailTo('oleksandr@example.org');
    // The scheduled reminder, run now instead of 24 h before.
    await jobs.send(APPOINTMENT_REMINDER, {
      municipalityId: m.municipality.id,
      appointmentId: a.id,
      startsAt,
    });
    const reminder = await mailTo('oleksandr@example.org', 2);
    expect(reminder.subject).toMatch(/^Нагадування про ваш запис/);
    const token = /\/book\/manage\/([\w-]+)/.exec(reminder.text!)![1]!;
    expect(
      (await app.inject({ method: 'GET', url: `/api/appointments/public/${token}` })).json().status,
    ).toBe('booked');
    expect(logs.some((l) => l.startsWith('sms (log provider) to +49 202 555 123: Нагадування'))).toBe(true);
  });

  it('schedules the reminder before the appointment', async () => {
    const s = await newService();
    const startsAt = at(dayAhead(5), '09:00');
    const a = await ok(
      await call('front_desk', 'POST', '/api/appointments', {
        serviceId: s.id,
        startsAt,
        name: 'X',
        email: 'x@example.org',
      }),
      201,
    );
    const found = await db.system(
      async (tx) =>
        (
          await tx.query<{ startAfter: Date }>(
            `SELECT start_after AS "startAfter" FROM pgboss.job WHERE name = $1 AND data ->> 'appointmentId' = $2`,
            [APPOINTMENT_REMINDER, a.id],
          )
        ).rows,
    );
    expect(found).toHaveLength(1);
    expect(new Date(found[0]!.startAfter).getTime()).toBe(Date.parse(startsAt) - 24 * 3_600_000);
  });

  it('keeps a mail the SMTP server refused as failed, sends it on the retry, and retries the job with backoff', async () => {
    const s = await newService();
    const config = testConfig({
      mail: { smtp: { host: '127.0.0.1', port, secure: false }, from: 'x@lotse.test', sms: 'none' },
    });
    const queue = await jobs.boss.getQueue(APPOINTMENT_MAIL);
    expect(queue).toMatchObject({ retryLimit: 8, retryBackoff: true });
    // The server refuses everything for now: the job's first attempt fails too (and is retried later).
    rejectNext = 100;
    await ok(
      await call('front_desk', 'POST', '/api/appointments', {
        serviceId: s.id,
        startsAt: at(dayAhead(6), '09:00'),
        name: 'Retry',
        email: 'retry@example.org',
      }),
      201,
    );
    const mailId = await db.system(
      async (tx) =>
        (await tx.query<{ id: string }>(`SELECT id FROM mail_outbox WHERE to_address = 'retry@example.org'`))
          .rows[0]!.id,
    );
    const mailer = createMailer(config.mail, () => undefined);
    await expect(sendOutboxMail(db, mailer, m.municipality.id, mailId)).rejects.toThrow();
    const failed = await db.system(
      async (tx) =>
        (await tx.query<{ status: string }>(`SELECT status FROM mail_outbox WHERE id = $1`, [mailId]))
          .rows[0]!,
    );
    expect(failed.status).toBe('failed');
    rejectNext = 0;
    await sendOutboxMail(db, mailer, m.municipality.id, mailId);
    expect((await mailTo('retry@example.org')).subject).toMatch(/^Ihr Termin ist bestätigt/);
    mailer.close();
  });

  it('checks in on the day: the appointment becomes a queue ticket, once', async () => {
    const queueServiceId = await db.system(async (tx) => {
      const site = (
        await tx.query<{ id: string }>(`SELECT id FROM site WHERE municipality_id = $1`, [m.municipality.id])
      ).rows[0]!;
      return (
        await tx.query<{ id: string }>(
          `INSERT INTO queue_service (municipality_id, agency_id, site_id, name, prefix)
           VALUES ($1, $2, $3, 'Termine ABH', 'T') RETURNING id`,
          [m.municipality.id, m.agencies.get('abh')!.id, site.id],
        )
      ).rows[0]!.id;
    });
    const s = await newService({ checkInQueueServiceId: queueServiceId });
    const today = berlinDay(new Date());
    const free = await ok(
      await call(
        'front_desk',
        'GET',
        `/api/appointments/slots?serviceId=${s.id}&from=${today}&to=${dayAhead(1)}`,
      ),
    );
    const slot = free.slots[0] as { startsAt: string };
    const a = await ok(
      await call('front_desk', 'POST', '/api/appointments', {
        serviceId: s.id,
        startsAt: slot.startsAt,
        name: 'Check-in',
      }),
      201,
    );
    const isToday = berlinDay(new Date(slot.startsAt)) === today;
    const res = await call('front_desk', 'POST', `/api/appointments/${a.id}/check-in`);
    if (!isToday) {
      // Shortly before midnight the first free slot is tomorrow: check-in waits for the day.
      expect(res.statusCode).toBe(409);
      return;
    }
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.appointment).toMatchObject({ status: 'checked_in', queueTicket: { id: body.ticket.id } });
    expect(body.ticket.number).toMatch(/^T\d+$/);
    const ticket = await db.system(
      async (tx) =>
        (
          await tx.query<{ appointmentId: string; source: string }>(
            `SELECT appointment_id AS "appointmentId", source FROM queue_ticket WHERE id = $1`,
            [body.ticket.id],
          )
        ).rows[0]!,
    );
    expect(ticket).toEqual({ appointmentId: a.id, source: 'appointment' });
    expect((await call('front_desk', 'POST', `/api/appointments/${a.id}/check-in`)).statusCode).toBe(409);
  });

  it('refuses check-in of an appointment on another day and of a service without a queue', async () => {
    const s = await newService();
    const a = await ok(
      await call('front_desk', 'POST', '/api/appointments', {
        serviceId: s.id,
        startsAt: at(dayAhead(2), '08:00'),
        name: 'Später',
      }),
      201,
    );
    const res = await call('front_desk', 'POST', `/api/appointments/${a.id}/check-in`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toHaveProperty('startsAt');
  });
});
