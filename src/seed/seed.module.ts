import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({
  imports: [AuthModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class SeedModule {}
