import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';
import fa from './messages/fa.json';
import ru from './messages/ru.json';
import tr from './messages/tr.json';
import uk from './messages/uk.json';
import type { Language } from './languages';

export type Messages = typeof de;
export type MessageId = keyof Messages;

/** Every language's catalogue, typed by the German source so a missing key fails the type check. */
export const catalogues: Record<Language, Messages> = { de, en, ar, tr, uk, ru, fa };

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(de, id);
}
