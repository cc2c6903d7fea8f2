import type de from './messages/de.json';

// Lets react-intl check message ids against the German catalogue at compile time.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: keyof typeof de;
    }
  }
}
