import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.js';
import { OutboxEvent } from './outbox-event.entity.js';

export interface OutboxMessage<P extends object = Record<string, unknown>> {
  /** e.g. `order.paid`; subscribers choose by type. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** The publishing feature's own typed payload; stored as JSON. */
  payload: P;
}

export interface OutboxSubscriber {
  /** Its own job queue, so one subscriber's failures and retries never repeat another's work. */
  queue: string;
  types: readonly string[];
  handle(event: OutboxEvent): Promise<void>;
}

interface DeliveryJob {
  eventId: string;
}

/**
 * Publishes domain events transactionally. `publish` writes the event row and one job per
 * interested subscriber in the caller's transaction; each subscriber's job then runs at least once
 * (retried with backoff), so handlers must tolerate a repeat.
 */
@Injectable()
export class Outbox {
  private readonly logger = new Logger('Outbox');
  private readonly subscribers: OutboxSubscriber[] = [];

  constructor(
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
  ) {}

  /** Call from `onApplicationBootstrap`. */
  async subscribe(subscriber: OutboxSubscriber): Promise<void> {
    this.subscribers.push(subscriber);
    await this.jobs.register<DeliveryJob>(
      // About a day of retries: 30 s doubling, capped at one hour between attempts.
      { name: subscriber.queue, retryLimit: 30, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, concurrency: 2 },
      async ({ eventId }) => {
        const event = await this.dataSource.getRepository(OutboxEvent).findOneBy({ id: eventId });
        if (!event) {
          this.logger.warn({ eventId, queue: subscriber.queue }, 'Outbox event is gone; nothing to deliver');
          return;
        }
        await subscriber.handle(event);
      },
    );
  }

  async publish<P extends object>(em: EntityManager, message: OutboxMessage<P>): Promise<void> {
    const repository = em.getRepository(OutboxEvent);
    const { id: eventId } = await repository.save(repository.create({ ...message, payload: message.payload as Record<string, unknown> }));
    for (const subscriber of this.subscribers) {
      if (subscriber.types.includes(message.type)) await this.jobs.sendWith(em, subscriber.queue, { eventId });
    }
  }
}
