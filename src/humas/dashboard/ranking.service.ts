import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeOf } from '../../auth/access-policy.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { VisitClock } from '../visits/visit-day.js';
import { rankingMeasuresSql } from './dashboard.queries.js';
import type { RankingLevel, RankingQueryDto } from './dto/ranking-query.dto.js';
import { kanwilName } from './humas-scope.js';
import { odonTarget, ratio } from './odon.js';
import { dayCount, monthDays } from './period.js';
import { rankByScore, SCORE_WEIGHTS } from './ranking-score.js';
import type { HumasRankingView, RankingEntryView } from './ranking.views.js';

interface MeasureRow {
  id: string;
  name: string;
  facilities: number;
  stories: number;
  covered: number;
  uniques: number;
  orders: number;
  listings: number;
}

/**
 * Ranks regional offices (or facilities, nationally or within one Kanwil) by the composite Humas
 * score for a month. Who sees what: national staff every list whole; a regional admin the
 * Kanwil list only at its own place and its own facilities' list whole; a facility admin only its
 * own place among its Kanwil's facilities (or the nation's).
 */
@Injectable()
export class HumasRankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: VisitClock,
  ) {}

  async ranking(user: AuthUser, query: RankingQueryDto): Promise<HumasRankingView> {
    const level = query.level ?? 'kanwil';
    const scope = scopeOf(user);
    if (level === 'kanwil' && query.kanwilId) throw new ValidationError('kanwilId', 'only ranks facilities (level=facility)');
    if (level === 'kanwil' && scope.kind === 'facility') throw new ForbiddenError('A facility sees its place among facilities (level=facility)');
    const kanwilId = level === 'facility' ? (query.kanwilId ?? (scope.kind === 'national' ? undefined : scope.kanwilId)) : undefined;
    // A facility admin may name its own Kanwil's list (where it sees only its place); any other is outside its scope.
    if (kanwilId && scope.kind === 'facility' && kanwilId !== scope.kanwilId) throw new NotFoundError('Kanwil');
    if (kanwilId && scope.kind !== 'facility') await kanwilName(this.dataSource, user, kanwilId);
    const ranked = await this.rank(query.period, level, kanwilId ?? null);
    const ownId = scope.kind === 'facility' ? scope.facilityId : scope.kind === 'kanwil' && level === 'kanwil' ? scope.kanwilId : null;
    return { ...ranked, entries: ownId === null ? ranked.entries : ranked.entries.filter((entry) => entry.id === ownId) };
  }

  /** The whole list, unfiltered: for callers that have checked the reader (the monthly report). */
  async rank(period: string, level: RankingLevel, kanwilId: string | null): Promise<HumasRankingView> {
    const { from, to: monthEnd } = monthDays(period);
    const today = this.clock.today();
    if (from > today) throw new ValidationError('period', 'is in the future');
    const to = monthEnd < today ? monthEnd : today;
    const days = dayCount(from, to);
    const rows = await this.dataSource.query<MeasureRow[]>(rankingMeasuresSql(level, kanwilId !== null), kanwilId ? [from, to, kanwilId] : [from, to]);
    const units = level === 'kanwil' ? (row: MeasureRow) => row.facilities : () => 1;
    const byId = new Map(rows.map((row) => [row.id, row]));
    const scored = rankByScore(
      rows.map((row) => ({ id: row.id, name: row.name, odonAttainment: ratio(row.stories, odonTarget(units(row), days)), uniqueVisitors: row.uniques, orders: row.orders, newListings: row.listings })),
    );
    const entries: RankingEntryView[] = scored.map((entry) => {
      const row = byId.get(entry.id) as MeasureRow;
      return {
        rank: entry.rank,
        id: entry.id,
        name: entry.name,
        score: entry.score,
        units: units(row),
        storiesPublished: row.stories,
        odonTarget: odonTarget(units(row), days),
        odonAttainment: entry.odonAttainment,
        dailyUniqueVisitorsSummed: row.uniques,
        orders: row.orders,
        productsNewlyListed: row.listings,
      };
    });
    return { period, from, to, level, kanwilId, total: entries.length, scoreWeights: { ...SCORE_WEIGHTS }, entries };
  }
}
