import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { databaseOptions } from './data-source-options.js';

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...databaseOptions({ url, poolSize: config.dbPoolSize }),
          autoLoadEntities: true,
          // Fail the start with the real error instead of retrying for a minute.
          retryAttempts: 0,
        }),
      ],
    };
  }
}
