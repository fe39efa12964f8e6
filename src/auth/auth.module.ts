import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { ActiveSessions } from './active-sessions.service.js';
import { AuthSession } from './auth-session.entity.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshToken } from './refresh-token.entity.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken, AuthSession]),
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { issuer: 'etalase' }, verifyOptions: { issuer: 'etalase' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, PasswordHasher, LoginThrottleService, ActiveSessions, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, PasswordHasher, TokenService, ActiveSessions],
})
export class AuthModule {}
