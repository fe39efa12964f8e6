import { Injectable, Logger, OnModuleInit, BeforeApplicationShutdown } from '@nestjs/common';
import { PgBoss, type Db, type Job, type QueueOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { unavailableCause } from '../database/database-unavailable.js';

export const JOB_SCHEMA = 'pgboss';

export interface JobOptions {
  /** When the job may run first; default now. */
  startAfter?: Date;
  /** With the queue's policy, keeps one job per key. */
  singletonKey?: string;
}

export interface QueueDefinition extends QueueOptions {
  name: string;
  /** Jobs of this queue one process works on at once. */
  concurrency?: number;
}

export type JobHandler<T> = (data: T, job: Job<T>) => Promise<void>;

/** Handles many jobs of one queue at once; if it throws, every job of the batch is retried. */
export type BatchJobHandler<T> = (data: T[]) => Promise<void>;

interface Registration {
  queue: QueueDefinition;
  handler: JobHandler<object>;
}

/**
 * pg-boss on our own Postgres: jobs are rows, so a job sent inside a business transaction exists
 * exactly when that transaction commits. Features define their queues and handlers at module init;
 * this process works them only when `JOBS_WORKERS` is on (the default), so web-only processes can
 * still send. Its schema comes from the `JobQueue` migration, never from pg-boss itself.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly registrations = new Map<string, Registration>();
  private readonly schedules: { queue: string; cron: string }[] = [];
  private started = false;

  constructor(
    private readonly config: AppConfig,
    databaseUrl: string,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOB_SCHEMA,
      application_name: 'etalase-jobs',
      max: 4,
      migrate: false,
      createSchema: false,
      useListenNotify: true,
      supervise: config.jobs.workers,
      schedule: config.jobs.workers,
    });
    this.boss.on('error', (error: unknown) => {
      // While the database is away pg-boss fails every poll the same way: a line each, no stack.
      const outage = unavailableCause(error);
      if (outage) this.logger.warn({ cause: outage }, 'Job queue cannot reach the database');
      else this.logger.error({ err: error }, 'Job queue error');
    });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /**
   * Declares a queue and, in worker processes, works it. Call from a feature's
   * `onApplicationBootstrap`, when every module's queues are known.
   */
  async register<T extends object>(queue: QueueDefinition, handler: JobHandler<T>): Promise<void> {
    const { name, concurrency, ...options } = queue;
    this.registrations.set(name, { queue, handler: handler as JobHandler<object> });
    await this.boss.createQueue(name, { ...options, notify: true });
    await this.boss.updateQueue(name, options);
    if (!this.config.jobs.workers) return;
    await this.boss.work<T>(
      name,
      { localConcurrency: concurrency ?? 1, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 },
      async (jobs) => {
        for (const job of jobs) await this.run(name, handler, job);
      },
    );
  }

  /**
   * Like `register`, for queues whose jobs are cheaper together (one transaction for many rows):
   * a worker fetches up to `batchSize` due jobs per poll, and keeps fetching without waiting while
   * batches come back full, so a backlog drains at the handler's speed, not one job per poll.
   */
  async registerBatch<T extends object>(queue: QueueDefinition, batchSize: number, handler: BatchJobHandler<T>): Promise<void> {
    const { name, concurrency, ...options } = queue;
    await this.boss.createQueue(name, { ...options, notify: true });
    await this.boss.updateQueue(name, options);
    if (!this.config.jobs.workers) return;
    await this.boss.work<T>(
      name,
      { localConcurrency: concurrency ?? 1, batchSize, burstWhenBatchFull: true, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 },
      async (jobs) => {
        try {
          await handler(jobs.map((job) => job.data));
        } catch (error) {
          this.logger.warn({ err: error, queue: name, jobs: jobs.length }, 'Job batch failed; pg-boss retries it');
          throw error;
        }
      },
    );
  }

  /** A recurring job (cron, UTC); only worker processes create its occurrences. */
  async every(queue: string, cron: string): Promise<void> {
    this.schedules.push({ queue, cron });
    await this.boss.schedule(queue, cron, null, { tz: 'UTC' });
  }

  /** Enqueues inside `em`'s transaction: the job exists if, and only if, that transaction commits. */
  async sendWith(em: EntityManager, queue: string, data: object, options: JobOptions = {}): Promise<void> {
    await this.boss.send(queue, data, { ...options, db: transactionDatabase(em) });
  }

  async send(queue: string, data: object, options: JobOptions = {}): Promise<void> {
    await this.boss.send(queue, data, options);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Graceful: running handlers finish (up to the shutdown budget) before the database pool closes.
    await this.boss.stop({ graceful: true, timeout: this.config.shutdownTimeoutMs });
  }

  private async run<T extends object>(queue: string, handler: JobHandler<T>, job: Job<T>): Promise<void> {
    try {
      await handler(job.data, job);
    } catch (error) {
      this.logger.warn({ err: error, queue, jobId: job.id, retry: job.retryCount }, 'Job failed; pg-boss retries it');
      throw error;
    }
  }
}

/** pg-boss's database port over a TypeORM transaction's connection. */
function transactionDatabase(em: EntityManager): Db {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('sendWith needs an EntityManager inside a transaction');
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const result = await runner.query(text, values, true);
      return { rows: result.records };
    },
  };
}
