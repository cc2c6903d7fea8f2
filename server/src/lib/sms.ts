import type { Config } from '../config';

/**
 * A text message provider. Lotse ships the log provider (demo and development); a real gateway implements this
 * interface and is chosen in createSmsProvider by the SMS_PROVIDER setting.
 */
export interface SmsProvider {
  readonly name: string;
  /** Sends one message; a failure throws, so that the job that sends it is retried. */
  send(to: string, text: string): Promise<void>;
}

/** Writes the message to the server log instead of sending it. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';
  constructor(private readonly log: (msg: string) => void) {}
  async send(to: string, text: string) {
    this.log(`sms (log provider) to ${to}: ${text}`);
  }
}

/** Sends nothing (SMS switched off). */
export class NoSmsProvider implements SmsProvider {
  readonly name = 'none';
  async send() {}
}

export function createSmsProvider(mail: Config['mail'], log: (msg: string) => void): SmsProvider {
  return mail.sms === 'log' ? new LogSmsProvider(log) : new NoSmsProvider();
}
