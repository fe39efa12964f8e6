import { Module } from '@nestjs/common';
import { ERROR_PAGES } from '../common/errors/error-pages.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { HumasModule } from '../humas/humas.module.js';
import { ImpactModule } from '../impact/impact.module.js';
import { MediaModule } from '../media/media.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CartController } from './cart/cart.controller.js';
import { ShowcaseCartService } from './cart/showcase-cart.service.js';
import { StoriesModule } from '../stories/stories.module.js';
import { CampaignTouchInterceptor } from './campaign-touch.interceptor.js';
import { PageSecurityInterceptor } from './page-response.js';
import { ShortLinksController } from './short-links.controller.js';
import { EnglishShowcaseController, ShowcaseController, SiteFilesController } from './showcase.controller.js';
import { ShowcaseErrorPages } from './showcase-error-pages.js';
import { ShowcaseErrorsFilter } from './showcase-errors.filter.js';
import { ShowcasePagesService } from './showcase-pages.service.js';
import { ShareImagesController } from './share/share-images.controller.js';
import { ShareImagesService } from './share/share-images.service.js';
import { ShareKitAdminController } from './share/share-kit-admin.controller.js';
import { ShareKitService } from './share/share-kit.service.js';

/** The public website: server-rendered pages over the public services, Indonesian first. */
@Module({
  imports: [CatalogModule, FacilitiesModule, StoriesModule, ImpactModule, OrdersModule, MediaModule, HumasModule],
  controllers: [ShowcaseController, EnglishShowcaseController, CartController, SiteFilesController, ShareImagesController, ShortLinksController, ShareKitAdminController],
  providers: [
    ShowcasePagesService,
    ShowcaseCartService,
    CampaignTouchInterceptor,
    ShareImagesService,
    ShareKitService,
    PageSecurityInterceptor,
    ShowcaseErrorPages,
    ShowcaseErrorsFilter,
    // The global problem+json filter asks it first (common/errors/error-pages.ts).
    { provide: ERROR_PAGES, useExisting: ShowcaseErrorPages },
  ],
  exports: [ERROR_PAGES],
})
export class ShowcaseModule {}
