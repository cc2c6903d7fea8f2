import type { AppointmentLanguage } from '@lotse/common';
import type { Database } from '../../db/database';
import { seedAppointments } from '../appointments/appointments.service';

type Ids = Map<string, { id: string }>;

// Like the queue, the demo takes appointments every day so that it can be tried at any time.
const HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: '08:00', ends: '18:00' }));

const EXTENSION_NAMES: Partial<Record<AppointmentLanguage, string>> = {
  en: 'Extension of a residence title',
  ar: 'تمديد تصريح الإقامة',
  tr: 'Oturma izninin uzatılması',
  uk: 'Продовження посвідки на проживання',
  ru: 'Продление вида на жительство',
  fa: 'تمدید اجازه اقامت',
};
const JOBCENTER_NAMES: Partial<Record<AppointmentLanguage, string>> = {
  en: 'First interview at the Jobcenter',
  ar: 'المقابلة الأولى في مركز العمل',
  tr: 'Jobcenter ilk görüşme',
  uk: 'Перша співбесіда в Jobcenter',
  ru: 'Первая беседа в Jobcenter',
  fa: 'نخستین گفتگو در جاب‌سنتر',
};
const KI_NAMES: Partial<Record<AppointmentLanguage, string>> = {
  en: 'Integration management counselling',
  ar: 'استشارة إدارة الاندماج',
  tr: 'Entegrasyon yönetimi danışmanlığı',
  uk: 'Консультація з інтеграції',
  ru: 'Консультация по интеграции',
  fa: 'مشاوره مدیریت ادغام',
};

/** Appointment services of the Ausländerbehörde, the Jobcenter and the KI, staff hours and today's bookings. */
export async function seedDemoAppointments(
  db: Database,
  ctx: { municipalityId: string; agencies: Ids; staff: Ids },
): Promise<void> {
  const agency = (code: string) => ctx.agencies.get(code)!.id;
  const staff = (username: string) => ctx.staff.get(username)!.id;
  const service = (
    key: string,
    code: string,
    name: string,
    names: object,
    minutes: number,
    staffIds: string[],
  ) => ({
    key,
    agencyId: agency(code),
    name,
    names: names as Record<string, string>,
    durationMinutes: minutes,
    bufferMinutes: 5,
    urgentQuotaPercent: 20,
    publicBooking: true,
    checkInQueueServiceId: null,
    checkInAgencyId: agency(code === 'ki' ? 'empfang' : code),
    active: true,
    staffIds,
  });
  await db.tenant(ctx.municipalityId, (tx) =>
    seedAppointments(tx, ctx.municipalityId, {
      staff: [
        { staffId: staff('abh'), languages: ['de', 'en', 'ar'], hours: HOURS },
        { staffId: staff('abh2'), languages: ['de', 'tr'], hours: HOURS },
        { staffId: staff('jobcenter'), languages: ['de', 'uk', 'ru'], hours: HOURS },
        { staffId: staff('jobcenter2'), languages: ['de', 'en'], hours: HOURS },
        { staffId: staff('ki'), languages: ['de', 'fa', 'ar'], hours: HOURS },
        { staffId: staff('ki2'), languages: ['de', 'tr'], hours: HOURS },
      ],
      services: [
        service('extension', 'abh', 'Verlängerung Aufenthaltstitel', EXTENSION_NAMES, 30, [
          staff('abh'),
          staff('abh2'),
        ]),
        service('jobcenter', 'jobcenter', 'Erstgespräch Jobcenter', JOBCENTER_NAMES, 45, [
          staff('jobcenter'),
          staff('jobcenter2'),
        ]),
        service('ki', 'ki', 'Beratung Integrationsmanagement', KI_NAMES, 60, [staff('ki'), staff('ki2')]),
      ],
      bookings: [
        {
          service: 'extension',
          staffId: staff('abh'),
          time: '09:00',
          name: 'Samir Al-Masri (Demo)',
          language: 'ar',
        },
        {
          service: 'extension',
          staffId: staff('abh2'),
          time: '10:30',
          name: 'Ayşe Yılmaz (Demo)',
          language: 'tr',
        },
        {
          service: 'jobcenter',
          staffId: staff('jobcenter'),
          time: '11:00',
          name: 'Olena Shevchenko (Demo)',
          language: 'uk',
        },
        { service: 'ki', staffId: staff('ki'), time: '14:00', name: 'Reza Karimi (Demo)', language: 'fa' },
      ],
    }),
  );
}
