import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { MediaModule } from '../media/media.module.js';
import { Category } from './category.entity.js';
import { MakerConsent } from './maker-consent.entity.js';
import { ProductCertificate } from './product-certificate.entity.js';
import { ProductImage } from './product-image.entity.js';
import { Product } from './product.entity.js';
import { ProductStock } from './product-stock.js';
import { StockMovement } from './stock-movement.entity.js';
import { StockPort } from './stock.port.js';
import { SellabilityService } from './sellability.service.js';
import { ProductsService } from './products.service.js';
import { FacilityProductCount } from './facility-product-count.js';
import { FoodPermitExpiry } from './food-permit-expiry.js';
import { ProductEvents } from './product-events.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ProductStoriesRegistry } from './product-stories.registry.js';
import { ConsentWithdrawalHooks } from './consent-withdrawal.hooks.js';
import { CatalogService } from './catalog.service.js';
import { TypoSearchService } from './typo-search.service.js';
import { CategoriesController } from './categories.controller.js';
import { ProductsController } from './products.controller.js';
import { ProductsAdminController } from './products-admin.controller.js';
import { ProductsAdminService } from './products-admin.service.js';
import { ProductLoader } from './product-loader.js';
import { MakerConsentsAdminController } from './maker-consents-admin.controller.js';
import { MakerConsentsService } from './maker-consents.service.js';
import { CategoriesAdminController } from './categories-admin.controller.js';
import { CategoriesService } from './categories.service.js';
import { ProductImagesAdminController } from './product-images-admin.controller.js';
import { ProductImagesService } from './product-images.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Product, ProductImage, ProductCertificate, Category, MakerConsent, StockMovement]), AuditModule, AuthModule, FacilitiesModule, MediaModule, OutboxModule],
  controllers: [ProductsController, CategoriesController, ProductsAdminController, ProductImagesAdminController, MakerConsentsAdminController, CategoriesAdminController],
  providers: [ProductEvents, CatalogService, TypoSearchService, FacilityProductCount, FoodPermitExpiry, ProductStoriesRegistry, ConsentWithdrawalHooks, ProductsService, ProductsAdminService, ProductImagesService, ProductLoader, MakerConsentsService, CategoriesService, { provide: StockPort, useClass: ProductStock }, SellabilityService],
  exports: [CatalogService, ProductsService, ProductsAdminService, ProductLoader, CategoriesService, ProductStoriesRegistry, ConsentWithdrawalHooks, StockPort, SellabilityService],
})
export class CatalogModule {}
