import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { AppointmentLanguage } from '@lotse/common';
import type { MailKind } from './appointments.repo';
import { TIME_ZONE } from './slots';

/**
 * The mails of an appointment in the person's language: subject, text with the links, and the iCalendar event
 * (Europe/Berlin times). German is the fallback of a service name without a translation.
 */

type Texts = {
  subject: Record<MailKind, string>;
  hello: string;
  lead: Record<MailKind, string>;
  when: string;
  where: string;
  confirmLink: string;
  manageLink: string;
  bookAgain: string;
  bring: string;
  sms: string;
};

const TEXTS: Record<AppointmentLanguage, Texts> = {
  de: {
    subject: {
      confirm_request: 'Bitte bestätigen Sie Ihren Termin',
      confirmation: 'Ihr Termin ist bestätigt',
      reminder: 'Erinnerung an Ihren Termin',
      cancellation: 'Ihr Termin wurde abgesagt',
    },
    hello: 'Guten Tag {name},',
    lead: {
      confirm_request:
        'Sie haben einen Termin gebucht. Er gilt erst, wenn Sie ihn über diesen Link bestätigen:',
      confirmation: 'Ihr Termin ist gebucht.',
      reminder: 'wir erinnern Sie an Ihren Termin.',
      cancellation: 'Ihr Termin wurde abgesagt.',
    },
    when: 'Wann',
    where: 'Wo',
    confirmLink: 'Termin bestätigen',
    manageLink: 'Absagen oder verschieben',
    bookAgain: 'Einen neuen Termin buchen',
    bring: 'Bitte bringen Sie Ihren Ausweis und Ihre Unterlagen mit.',
    sms: 'Erinnerung: Termin {service} am {when}. Absagen/verschieben: {link}',
  },
  en: {
    subject: {
      confirm_request: 'Please confirm your appointment',
      confirmation: 'Your appointment is confirmed',
      reminder: 'Reminder of your appointment',
      cancellation: 'Your appointment was cancelled',
    },
    hello: 'Hello {name},',
    lead: {
      confirm_request: 'You booked an appointment. It only counts once you confirm it with this link:',
      confirmation: 'Your appointment is booked.',
      reminder: 'this is a reminder of your appointment.',
      cancellation: 'Your appointment was cancelled.',
    },
    when: 'When',
    where: 'Where',
    confirmLink: 'Confirm the appointment',
    manageLink: 'Cancel or rebook',
    bookAgain: 'Book a new appointment',
    bring: 'Please bring your ID and your documents.',
    sms: 'Reminder: appointment {service} on {when}. Cancel/rebook: {link}',
  },
  ar: {
    subject: {
      confirm_request: 'يرجى تأكيد موعدك',
      confirmation: 'تم تأكيد موعدك',
      reminder: 'تذكير بموعدك',
      cancellation: 'تم إلغاء موعدك',
    },
    hello: 'مرحبًا {name}،',
    lead: {
      confirm_request: 'لقد حجزت موعدًا. لا يصبح ساريًا إلا بعد تأكيده عبر هذا الرابط:',
      confirmation: 'تم حجز موعدك.',
      reminder: 'نذكّرك بموعدك.',
      cancellation: 'تم إلغاء موعدك.',
    },
    when: 'الموعد',
    where: 'المكان',
    confirmLink: 'تأكيد الموعد',
    manageLink: 'إلغاء الموعد أو تغييره',
    bookAgain: 'حجز موعد جديد',
    bring: 'يرجى إحضار بطاقة هويتك ووثائقك.',
    sms: 'تذكير: موعد {service} في {when}. للإلغاء أو التغيير: {link}',
  },
  tr: {
    subject: {
      confirm_request: 'Lütfen randevunuzu onaylayın',
      confirmation: 'Randevunuz onaylandı',
      reminder: 'Randevu hatırlatması',
      cancellation: 'Randevunuz iptal edildi',
    },
    hello: 'Merhaba {name},',
    lead: {
      confirm_request: 'Bir randevu aldınız. Randevu ancak bu bağlantıyla onayladığınızda geçerli olur:',
      confirmation: 'Randevunuz alındı.',
      reminder: 'randevunuzu hatırlatırız.',
      cancellation: 'Randevunuz iptal edildi.',
    },
    when: 'Ne zaman',
    where: 'Nerede',
    confirmLink: 'Randevuyu onayla',
    manageLink: 'İptal et veya ertele',
    bookAgain: 'Yeni randevu al',
    bring: 'Lütfen kimliğinizi ve belgelerinizi getirin.',
    sms: 'Hatırlatma: {when} tarihinde {service} randevusu. İptal/erteleme: {link}',
  },
  uk: {
    subject: {
      confirm_request: 'Будь ласка, підтвердьте ваш запис',
      confirmation: 'Ваш запис підтверджено',
      reminder: 'Нагадування про ваш запис',
      cancellation: 'Ваш запис скасовано',
    },
    hello: 'Добрий день, {name}!',
    lead: {
      confirm_request: 'Ви записалися на прийом. Запис діє лише після підтвердження за цим посиланням:',
      confirmation: 'Ваш запис оформлено.',
      reminder: 'нагадуємо про ваш запис.',
      cancellation: 'Ваш запис скасовано.',
    },
    when: 'Коли',
    where: 'Де',
    confirmLink: 'Підтвердити запис',
    manageLink: 'Скасувати або перенести',
    bookAgain: 'Записатися знову',
    bring: 'Будь ласка, візьміть із собою посвідчення особи та документи.',
    sms: 'Нагадування: запис {service} {when}. Скасувати/перенести: {link}',
  },
  ru: {
    subject: {
      confirm_request: 'Пожалуйста, подтвердите вашу запись',
      confirmation: 'Ваша запись подтверждена',
      reminder: 'Напоминание о вашей записи',
      cancellation: 'Ваша запись отменена',
    },
    hello: 'Здравствуйте, {name}!',
    lead: {
      confirm_request:
        'Вы записались на приём. Запись действительна только после подтверждения по этой ссылке:',
      confirmation: 'Ваша запись оформлена.',
      reminder: 'напоминаем о вашей записи.',
      cancellation: 'Ваша запись отменена.',
    },
    when: 'Когда',
    where: 'Где',
    confirmLink: 'Подтвердить запись',
    manageLink: 'Отменить или перенести',
    bookAgain: 'Записаться снова',
    bring: 'Пожалуйста, возьмите с собой удостоверение личности и документы.',
    sms: 'Напоминание: запись {service} {when}. Отменить/перенести: {link}',
  },
  fa: {
    subject: {
      confirm_request: 'لطفاً نوبت خود را تأیید کنید',
      confirmation: 'نوبت شما تأیید شد',
      reminder: 'یادآوری نوبت شما',
      cancellation: 'نوبت شما لغو شد',
    },
    hello: 'سلام {name}،',
    lead: {
      confirm_request: 'شما یک نوبت رزرو کرده‌اید. این نوبت فقط پس از تأیید از طریق این پیوند معتبر است:',
      confirmation: 'نوبت شما رزرو شد.',
      reminder: 'نوبت شما را یادآوری می‌کنیم.',
      cancellation: 'نوبت شما لغو شد.',
    },
    when: 'زمان',
    where: 'مکان',
    confirmLink: 'تأیید نوبت',
    manageLink: 'لغو یا تغییر نوبت',
    bookAgain: 'رزرو نوبت جدید',
    bring: 'لطفاً کارت شناسایی و مدارک خود را همراه داشته باشید.',
    sms: 'یادآوری: نوبت {service} در {when}. لغو/تغییر: {link}',
  },
};

const fill = (s: string, values: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** A date and time in the language, Europe/Berlin. */
export function formatWhen(at: Date, language: AppointmentLanguage): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: TIME_ZONE,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
}

export function serviceNameIn(names: Record<string, string>, fallback: string, language: string): string {
  return names[language] ?? fallback;
}

export type MailFacts = {
  appointmentId: string;
  kind: MailKind;
  language: AppointmentLanguage;
  name: string;
  serviceName: string;
  agencyName: string;
  address: string;
  startsAt: Date;
  endsAt: Date;
  /** Confirm link (confirm_request), manage link (others) or the public booking page (cancellation). */
  link: string;
  publicUrl: string;
};

/** Subject, text and the iCalendar file of one mail (none for a confirm request, which is not booked yet). */
export function composeMail(f: MailFacts): { subject: string; body: string; ics: string | null } {
  const t = TEXTS[f.language];
  const when = formatWhen(f.startsAt, f.language);
  const linkLabel =
    f.kind === 'confirm_request' ? t.confirmLink : f.kind === 'cancellation' ? t.bookAgain : t.manageLink;
  const body = [
    fill(t.hello, { name: f.name }),
    '',
    t.lead[f.kind],
    '',
    `${f.serviceName} (${f.agencyName})`,
    `${t.when}: ${when}`,
    ...(f.address ? [`${t.where}: ${f.address}`] : []),
    '',
    `${linkLabel}: ${f.link}`,
    ...(f.kind === 'cancellation' || f.kind === 'confirm_request' ? [] : ['', t.bring]),
  ].join('\n');
  const ics = f.kind === 'confirm_request' ? null : calendar(f, `${t.lead[f.kind]}\n${linkLabel}: ${f.link}`);
  return { subject: `${t.subject[f.kind]}: ${f.serviceName}`, body, ics };
}

/** The short reminder text for SMS. */
export function composeSms(f: Pick<MailFacts, 'language' | 'serviceName' | 'startsAt' | 'link'>): string {
  return fill(TEXTS[f.language].sms, {
    service: f.serviceName,
    when: formatWhen(f.startsAt, f.language),
    link: f.link,
  });
}

/** A UTC date-time of iCalendar, 20260302T081500Z. */
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function calendar(f: MailFacts, description: string): string {
  const cancelled = f.kind === 'cancellation';
  const cal = new ICalCalendar({
    prodId: { company: 'Lotse', product: 'Termine', language: f.language.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  cal.timezone({ name: TIME_ZONE, generator: getVtimezoneComponent });
  cal.createEvent({
    id: `${f.appointmentId}@lotse`,
    sequence: cancelled ? 1 : 0,
    // Luxon dates, so that the times are written as Europe/Berlin local times with the zone's TZID.
    start: DateTime.fromJSDate(f.startsAt, { zone: TIME_ZONE }),
    end: DateTime.fromJSDate(f.endsAt, { zone: TIME_ZONE }),
    timezone: TIME_ZONE,
    summary: `${f.serviceName} – ${f.agencyName}`,
    description,
    location: f.address || f.agencyName,
    url: f.link,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  // RFC 5545 3.8.7.2: DTSTAMP is a UTC date-time. ical-generator writes it in the calendar's zone (local time
  // without `Z`), so it is written again here.
  return cal.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${utcStamp(new Date())}`);
}
