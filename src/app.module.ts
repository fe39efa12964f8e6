import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter.js';
import { CacheControlInterceptor } from './common/http/cache-control.js';
import { JsonBodyGuard } from './common/http/json-body.js';
import { createValidationPipe } from './common/validation/validation-pipe.js';
import { DatabaseModule } from './database/database.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { HealthModule } from './health/health.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { FacilitiesModule } from './facilities/facilities.module.js';
import { UsersModule } from './users/users.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { StoriesModule } from './stories/stories.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { ImpactModule } from './impact/impact.module.js';
import { SeedModule } from './seed/seed.module.js';
import { HumasModule } from './humas/humas.module.js';
import { ShowcaseModule } from './showcase/showcase.module.js';
import { ConsoleModule } from './console/console.module.js';

/** Wires the feature modules together; nothing else lives here. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, logDestination),
        DatabaseModule.forRoot(config, databaseUrl),
        JobsModule.forRoot(databaseUrl),
        HealthModule,
        AuditModule,
        AuthModule,
        FacilitiesModule,
        UsersModule,
        CatalogModule,
        OrdersModule,
        NotificationsModule,
        StoriesModule,
        PartnersModule,
        WebhooksModule,
        ImpactModule,
        HumasModule,
        ShowcaseModule,
        ConsoleModule,
        SeedModule,
      ],
      providers: [
        // The root module's providers are registered first, so this guard runs before AuthModule's:
        // a body is read (or refused as malformed or too big) before authentication.
        { provide: APP_GUARD, useClass: JsonBodyGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: CacheControlInterceptor },
      ],
    };
  }
}
