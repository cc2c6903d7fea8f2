import type { MessageId } from './catalogues';

// Lets react-intl check message ids against the German catalogue (shared and the features' own) at compile time.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
