import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { MediaModule } from '../media/media.module.js';
import { StoriesAdminController } from './stories-admin.controller.js';
import { StoriesAdminService } from './stories-admin.service.js';
import { StoriesController } from './stories.controller.js';
import { StoriesService } from './stories.service.js';
import { StoryContentService } from './story-content.service.js';
import { StoryCoversService } from './story-covers.service.js';
import { StoryLoader } from './story-loader.js';
import { StoryReviewService } from './story-review.service.js';
import { Story } from './story.entity.js';

/** Stories behind the products: written by facilities, reviewed by Humas, published with consent. */
@Module({
  imports: [TypeOrmModule.forFeature([Story]), AuditModule, FacilitiesModule, CatalogModule, MediaModule],
  controllers: [StoriesController, StoriesAdminController],
  providers: [StoriesService, StoriesAdminService, StoryReviewService, StoryCoversService, StoryContentService, StoryLoader],
  exports: [StoriesService, StoriesAdminService],
})
export class StoriesModule {}
