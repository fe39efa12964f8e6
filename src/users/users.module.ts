import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { User } from '../auth/user.entity.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { UsersAdminController } from './users-admin.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuthModule, FacilitiesModule, AuditModule],
  controllers: [UsersAdminController],
  providers: [UsersService],
})
export class UsersModule {}
