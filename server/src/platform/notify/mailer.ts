/**
 * E-mail through a real SMTP server (nodemailer). Configured by the environment: `SMTP_URL` (smtp:// or smtps://, with
 * user and password when the server needs them, e.g. smtp://user:pass@mail.example.com:587) and `SMTP_FROM` (the sender,
 * e.g. "智慧政工云 <noreply@example.com>"). Without SMTP_URL no e-mail is queued and the inbox is the only channel.
 * Tests speak to a local SMTP server (smtp-server) over the real protocol.
 */
import nodemailer from 'nodemailer';

export interface MailMessage { to: string; subject: string; text: string }

export interface Mailer {
  send(m: MailMessage): Promise<void>;
  close(): void;
}

export function mailConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SMTP_URL);
}

export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const url = env.SMTP_URL;
  if (!url) return null;
  return smtpMailer(url, env.SMTP_FROM ?? '智慧政工云 <noreply@localhost>');
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close() {
      transport.close();
    },
  };
}
