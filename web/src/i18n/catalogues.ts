import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';
import fa from './messages/fa.json';
import ru from './messages/ru.json';
import tr from './messages/tr.json';
import uk from './messages/uk.json';
import queueAr from '../features/queue/messages/ar.json';
import queueDe from '../features/queue/messages/de.json';
import queueEn from '../features/queue/messages/en.json';
import queueFa from '../features/queue/messages/fa.json';
import queueRu from '../features/queue/messages/ru.json';
import queueTr from '../features/queue/messages/tr.json';
import queueUk from '../features/queue/messages/uk.json';
import appointmentsAr from '../features/appointments/messages/ar.json';
import appointmentsDe from '../features/appointments/messages/de.json';
import appointmentsEn from '../features/appointments/messages/en.json';
import appointmentsFa from '../features/appointments/messages/fa.json';
import appointmentsRu from '../features/appointments/messages/ru.json';
import appointmentsTr from '../features/appointments/messages/tr.json';
import appointmentsUk from '../features/appointments/messages/uk.json';
import intakeAr from '../features/intake/messages/ar.json';
import intakeDe from '../features/intake/messages/de.json';
import intakeEn from '../features/intake/messages/en.json';
import intakeFa from '../features/intake/messages/fa.json';
import intakeRu from '../features/intake/messages/ru.json';
import intakeTr from '../features/intake/messages/tr.json';
import intakeUk from '../features/intake/messages/uk.json';
import casesAr from '../features/cases/messages/ar.json';
import casesDe from '../features/cases/messages/de.json';
import casesEn from '../features/cases/messages/en.json';
import casesFa from '../features/cases/messages/fa.json';
import casesRu from '../features/cases/messages/ru.json';
import casesTr from '../features/cases/messages/tr.json';
import casesUk from '../features/cases/messages/uk.json';
import type { Language } from './languages';

/**
 * The German source: the shared catalogue plus the catalogues the front-desk features keep beside their pages
 * (web/src/features/<feature>/messages; case management likewise), so that each feature owns its own texts.
 */
const german = { ...de, ...queueDe, ...appointmentsDe, ...intakeDe, ...casesDe };

export type Messages = typeof german;
export type MessageId = keyof Messages;

/** Every language's catalogue, typed by the German source so a missing key fails the type check. */
export const catalogues: Record<Language, Messages> = {
  de: german,
  en: { ...en, ...queueEn, ...appointmentsEn, ...intakeEn, ...casesEn },
  ar: { ...ar, ...queueAr, ...appointmentsAr, ...intakeAr, ...casesAr },
  tr: { ...tr, ...queueTr, ...appointmentsTr, ...intakeTr, ...casesTr },
  uk: { ...uk, ...queueUk, ...appointmentsUk, ...intakeUk, ...casesUk },
  ru: { ...ru, ...queueRu, ...appointmentsRu, ...intakeRu, ...casesRu },
  fa: { ...fa, ...queueFa, ...appointmentsFa, ...intakeFa, ...casesFa },
};

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(german, id);
}
