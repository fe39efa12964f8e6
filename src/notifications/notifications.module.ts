import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { Mailer } from './mailer.js';
import { OrderNotifications } from './order-notifications.js';

/** E-mails that follow from domain events (outbox), delivered by jobs. */
@Module({
  imports: [OutboxModule],
  providers: [Mailer, OrderNotifications],
})
export class NotificationsModule {}
