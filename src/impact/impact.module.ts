import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { ImpactController } from './impact.controller.js';
import { ImpactService } from './impact.service.js';
import { ReportsAdminController } from './reports-admin.controller.js';
import { SalesReportsService } from './sales-reports.service.js';

/** Public impact counters and admin sales reports, read from the revenue-split ledger. */
@Module({
  imports: [FacilitiesModule],
  controllers: [ImpactController, ReportsAdminController],
  providers: [ImpactService, SalesReportsService],
  exports: [ImpactService],
})
export class ImpactModule {}
