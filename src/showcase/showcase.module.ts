import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { HumasModule } from '../humas/humas.module.js';
import { ImpactModule } from '../impact/impact.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CartController } from './cart/cart.controller.js';
import { ShowcaseCartService } from './cart/showcase-cart.service.js';
import { StoriesModule } from '../stories/stories.module.js';
import { PageSecurityInterceptor } from './page-response.js';
import { EnglishShowcaseController, ShowcaseController, SiteFilesController } from './showcase.controller.js';
import { ShowcaseErrorsFilter } from './showcase-errors.filter.js';
import { ShowcasePagesService } from './showcase-pages.service.js';

/** The public website: server-rendered pages over the public services, Indonesian first. */
@Module({
  imports: [CatalogModule, FacilitiesModule, StoriesModule, ImpactModule, OrdersModule, HumasModule],
  controllers: [ShowcaseController, EnglishShowcaseController, CartController, SiteFilesController],
  providers: [ShowcasePagesService, ShowcaseCartService, PageSecurityInterceptor, ShowcaseErrorsFilter],
})
export class ShowcaseModule {}
