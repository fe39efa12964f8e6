import { Module } from '@nestjs/common';
import { VisitCounter } from './visits/visit-counter.service.js';
import { VisitCountingInterceptor } from './visits/visit-counting.interceptor.js';
import { VisitClock } from './visits/visit-day.js';
import { VisitsAdminController } from './visits/visits-admin.controller.js';
import { VisitsReportService } from './visits/visits-report.service.js';

/**
 * Humas (public relations): what the public sees of the showcase, counted without tracking
 * anyone (visits/). Campaigns, share links and the monthly report come next (issue 17).
 */
@Module({
  controllers: [VisitsAdminController],
  providers: [VisitClock, VisitCounter, VisitCountingInterceptor, VisitsReportService],
  exports: [VisitCounter, VisitCountingInterceptor],
})
export class HumasModule {}
