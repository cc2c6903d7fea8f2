import { todayInGermany } from '../persons/persons.dates';

/**
 * The slot engine, pure: from a service's length and buffer, the staff's weekly hours (local time Europe/Berlin),
 * absences and live appointments, which start times each staff member is free at, and which of those only the
 * urgent quota is left for.
 */

export const TIME_ZONE = 'Europe/Berlin';
const MINUTE = 60_000;
const DAY = 86_400_000;

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Europe/Berlin is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(at: number): number {
  const p = Object.fromEntries(berlinParts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / MINUTE);
}

/** The instant of a local time in Europe/Berlin: day YYYY-MM-DD and minutes after midnight. */
export function berlinInstant(day: string, minutes: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  let t = naive - offsetMinutes(naive) * MINUTE;
  t = naive - offsetMinutes(t) * MINUTE;
  return new Date(t);
}

/** The local day (YYYY-MM-DD) of an instant in Europe/Berlin. */
export const berlinDay = (at: Date): string => todayInGermany(at);

/** ISO weekday (1 = Monday) of a day YYYY-MM-DD. */
export function weekday(day: string): number {
  return ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type EngineService = {
  id: string;
  durationMinutes: number;
  bufferMinutes: number;
  urgentQuotaPercent: number;
};
export type EngineStaff = {
  staffId: string;
  hours: { weekday: number; starts: string; ends: string }[];
  absences: { startsAt: Date; endsAt: Date }[];
  busy: { serviceId: string; startsAt: Date; blockedUntil: Date; urgent: boolean }[];
};

/** One staff member free at one start. urgentOnly: the day's share for non-urgent bookings is used up. */
export type StaffSlot = { staffId: string; startsAt: Date; endsAt: Date; urgentOnly: boolean };

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/**
 * Every start at which a staff member is free for the service between two days (inclusive), after `now`.
 * Starts repeat every duration plus buffer from the beginning of each period of working hours. The urgent quota
 * keeps that share of a staff member's starts of the day (all of them, free or not) for urgent bookings: once the
 * non-urgent bookings of the service reach the rest, the staff member's free starts that day are urgent only.
 */
export function staffSlots(
  service: EngineService,
  staff: EngineStaff[],
  from: string,
  to: string,
  now: Date,
): StaffSlot[] {
  const out: StaffSlot[] = [];
  const step = service.durationMinutes + service.bufferMinutes;
  for (const day of daysBetween(from, to)) {
    const wd = weekday(day);
    for (const s of staff) {
      const starts: Date[] = [];
      for (const h of s.hours.filter((x) => x.weekday === wd))
        for (let m = minutesOf(h.starts); m + service.durationMinutes <= minutesOf(h.ends); m += step)
          starts.push(berlinInstant(day, m));
      if (starts.length === 0) continue;
      const dayStart = berlinInstant(day, 0).getTime();
      const dayEnd = berlinInstant(day, 24 * 60).getTime();
      const nonUrgent = s.busy.filter(
        (b) =>
          b.serviceId === service.id &&
          !b.urgent &&
          b.startsAt.getTime() >= dayStart &&
          b.startsAt.getTime() < dayEnd,
      ).length;
      const capacity = Math.floor((starts.length * (100 - service.urgentQuotaPercent)) / 100);
      const urgentOnly = nonUrgent >= capacity;
      for (const start of starts) {
        const t0 = start.getTime();
        const t1 = t0 + service.durationMinutes * MINUTE;
        const blocked = t1 + service.bufferMinutes * MINUTE;
        if (t0 <= now.getTime()) continue;
        if (s.absences.some((a) => overlaps(t0, blocked, a.startsAt.getTime(), a.endsAt.getTime()))) continue;
        if (s.busy.some((b) => overlaps(t0, blocked, b.startsAt.getTime(), b.blockedUntil.getTime())))
          continue;
        out.push({ staffId: s.staffId, startsAt: start, endsAt: new Date(t1), urgentOnly });
      }
    }
  }
  return out;
}

/** The slots of a service: per start, how many staff are free, and whether only the urgent quota is left. */
export function aggregate(slots: StaffSlot[]) {
  const byStart = new Map<number, StaffSlot[]>();
  for (const s of slots) byStart.set(s.startsAt.getTime(), [...(byStart.get(s.startsAt.getTime()) ?? []), s]);
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => {
      const open = group.filter((g) => !g.urgentOnly).length;
      return {
        startsAt: group[0]!.startsAt.toISOString(),
        endsAt: group[0]!.endsAt.toISOString(),
        free: open > 0 ? open : group.length,
        urgentOnly: open === 0,
      };
    });
}
