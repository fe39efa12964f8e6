import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.js';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Sends e-mail through `SMTP_URL`; without it (the demo, tests that do not care) each message is
 * written to the log instead, so nothing fails for want of a mail server. A send error throws, and
 * the job that asked retries later.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | undefined;

  constructor(private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : undefined;
  }

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0) return;
    if (!this.transport) {
      this.logger.log({ to: message.to, subject: message.subject, text: message.text }, 'E-mail (SMTP_URL not set, logged only)');
      return;
    }
    await this.transport.sendMail({ from: this.config.mail.from, to: message.to, subject: message.subject, text: message.text });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
