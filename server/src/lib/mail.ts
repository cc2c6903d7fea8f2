import nodemailer from 'nodemailer';
import type { Config } from '../config';

/** One mail: plain text (with its links), optionally HTML and attachments (an iCalendar file). */
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** BCP 47 language of the text; sets Content-Language. */
  language?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
};

/** Sends mail; a failure throws, so that the job that sends it is retried. */
export interface Mailer {
  /** 'smtp' sends over SMTP; 'log' only writes the message to the server log (demo without SMTP). */
  readonly kind: 'smtp' | 'log';
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * The mailer of the configuration: SMTP through nodemailer when SMTP_HOST is set, else a log transport that writes
 * each message with its links to the server log (the mail_outbox table keeps it too).
 */
export function createMailer(mail: Config['mail'], log: (msg: string) => void): Mailer {
  if (!mail.smtp) {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    return {
      kind: 'log',
      async send(message) {
        const info = await transport.sendMail({ from: mail.from, ...message });
        log(`mail (log transport, no SMTP configured) to ${message.to}: ${message.subject}\n${message.text}`);
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const { host, port, secure, user, password } = mail.smtp;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure,
    ...(user ? { auth: { user, pass: password ?? '' } } : {}),
  });
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transport.sendMail({
        from: mail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.language ? { headers: { 'Content-Language': message.language } } : {}),
        attachments: message.attachments ?? [],
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
