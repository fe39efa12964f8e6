import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CampaignAttribution } from './attribution/campaign-attribution.service.js';
import { OrderTouchSources } from './attribution/order-touch-sources.js';
import { Campaign } from './campaigns/campaign.entity.js';
import { CampaignSummaryService } from './campaigns/campaign-summary.service.js';
import { CampaignsAdminController } from './campaigns/campaigns-admin.controller.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { DashboardAdminController } from './dashboard/dashboard-admin.controller.js';
import { HumasDashboardService } from './dashboard/dashboard.service.js';
import { HumasMonthlyReportService } from './dashboard/monthly-report.service.js';
import { HumasRankingService } from './dashboard/ranking.service.js';
import { LinkClickCounter } from './links/link-click-counter.service.js';
import { LinkMediaService } from './links/link-media.service.js';
import { LinksAdminController } from './links/links-admin.controller.js';
import { ShareLink } from './links/share-link.entity.js';
import { ShareLinksService } from './links/share-links.service.js';
import { VisitCounter } from './visits/visit-counter.service.js';
import { VisitCountingInterceptor } from './visits/visit-counting.interceptor.js';
import { VisitClock } from './visits/visit-day.js';
import { VisitsAdminController } from './visits/visits-admin.controller.js';
import { VisitsReportService } from './visits/visits-report.service.js';

/**
 * Humas (public relations): what the public sees of the showcase, counted without tracking
 * anyone (visits/); campaigns with tracked share links, QR codes and product cards
 * (campaigns/, links/); and orders attributed to them (attribution/). The public redirect
 * `/s/{code}` and the touch on `?k=` are the showcase's, through the exported services; the admin
 * order view learns which campaign and channel an order's codes lead to through orders'
 * OrderTouchSourcesRegistry (attribution/order-touch-sources.ts). The
 * dashboard, ranking and monthly report (dashboard/) read all of it per facility, Kanwil or nation.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Campaign, ShareLink]), AuditModule, CatalogModule, OrdersModule],
  controllers: [VisitsAdminController, CampaignsAdminController, LinksAdminController, DashboardAdminController],
  providers: [VisitClock, VisitCounter, VisitCountingInterceptor, VisitsReportService, CampaignsService, CampaignSummaryService, ShareLinksService, LinkClickCounter, LinkMediaService, CampaignAttribution, OrderTouchSources, HumasDashboardService, HumasRankingService, HumasMonthlyReportService],
  exports: [VisitCounter, VisitCountingInterceptor, ShareLinksService, LinkClickCounter, CampaignAttribution],
})
export class HumasModule {}
