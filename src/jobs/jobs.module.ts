import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.js';

/** The job queue, one per process, available to every feature. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        {
          provide: JobQueue,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new JobQueue(config, databaseUrl),
        },
      ],
      exports: [JobQueue],
    };
  }
}
