import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { ApiKeyFailureThrottle } from './api-key-failure-throttle.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyMiddleware } from './api-key.middleware.js';
import { Partner } from './partner.entity.js';
import { PartnersAdminController } from './partners-admin.controller.js';
import { PartnersAdminService } from './partners-admin.service.js';

/**
 * Partner storefronts: who they are, their API keys, and recognising those keys on every request
 * (ApiKeyMiddleware, mounted before the rate limit by app.request-middleware.ts).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Partner, ApiKey]), AuditModule, RateLimitModule],
  controllers: [PartnersAdminController],
  providers: [PartnersAdminService, ApiKeyAuthenticator, ApiKeyFailureThrottle, ApiKeyMiddleware],
})
export class PartnersModule {}
