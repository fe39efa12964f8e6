import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeOf } from '../../auth/access-policy.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { ValidationError } from '../../common/errors/domain-error.js';
import { VisitClock } from '../visits/visit-day.js';
import { HumasDashboardService } from './dashboard.service.js';
import type { MonthlyReportQueryDto } from './dto/monthly-report-query.dto.js';
import { kanwilName } from './humas-scope.js';
import type { HumasMonthlyReportView } from './monthly-report.views.js';
import { HumasRankingService } from './ranking.service.js';

/** The monthly PR report of one regional office: its dashboard, its national place and its facilities' ranking. */
@Injectable()
export class HumasMonthlyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: VisitClock,
    private readonly dashboards: HumasDashboardService,
    private readonly rankings: HumasRankingService,
  ) {}

  async report(user: AuthUser, query: MonthlyReportQueryDto): Promise<HumasMonthlyReportView> {
    const scope = scopeOf(user);
    const kanwilId = query.kanwilId ?? (scope.kind === 'kanwil' ? scope.kanwilId : undefined);
    if (!kanwilId) throw new ValidationError('kanwilId', 'is required for national staff');
    const name = await kanwilName(this.dataSource, user, kanwilId);
    const [nation, facilities] = await Promise.all([this.rankings.rank(query.month, 'kanwil', null), this.rankings.rank(query.month, 'facility', kanwilId)]);
    const summary = await this.dashboards.measure({ kind: 'kanwil', id: kanwilId, name }, nation.from, nation.to, 'last');
    const own = nation.entries.find((entry) => entry.id === kanwilId);
    return {
      month: query.month,
      kanwil: { id: kanwilId, name },
      generatedAt: this.clock.now().toISOString(),
      summary,
      nationalPlace: own ? { rank: own.rank, total: nation.total, score: own.score } : null,
      facilities: facilities.entries,
    };
  }
}
