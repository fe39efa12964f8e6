import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MediaModule } from '../media/media.module.js';
import { DemoProductsSeeder } from './demo-products.seeder.js';
import { DemoSeeder } from './demo-seeder.js';
import { DemoStoriesSeeder } from './demo-stories.seeder.js';

@Module({
  imports: [AuthModule, MediaModule, CatalogModule],
  providers: [DemoSeeder, DemoProductsSeeder, DemoStoriesSeeder],
  exports: [DemoSeeder],
})
export class SeedModule {}
