import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertInScope, isKanwilInScope, scopeOf } from '../../auth/access-policy.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { Facility } from '../../facilities/facility.entity.js';
import { Kanwil } from '../../facilities/kanwil.entity.js';
import type { VisitsQueryDto } from './dto/visits-query.dto.js';
import { VISIT_SOURCES, type VisitSource } from './referrer-source.js';
import type { VisitPageKind } from './visit-buffer.js';
import { addDays, VisitClock } from './visit-day.js';
import { scopeKey, topPagesSql, UNIQUE_VISITORS_SQL, type VisitScopeFilter, viewsByDaySql, visitScopeFilter } from './visit.queries.js';
import type { ViewsBySourceView, VisitDayView, VisitsReportView } from './visits.views.js';

/** Longest period one request may cover. */
const MAX_DAYS = 366;
const TOP_PAGES = 10;

/**
 * Showcase visits for the reader's scope: a facility admin sees its facility, a regional admin
 * its Kanwil (or one of its facilities), national staff the nation or any part of it.
 */
@Injectable()
export class VisitsReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: VisitClock,
  ) {}

  async report(user: AuthUser, query: VisitsQueryDto): Promise<VisitsReportView> {
    const to = query.to ?? this.clock.today();
    const from = query.from ?? addDays(to, -29);
    if (from > to) throw new ValidationError('from', 'must not be after to');
    if (addDays(from, MAX_DAYS - 1) < to) throw new ValidationError('from', `and to may span at most ${MAX_DAYS} days`);
    const scope = await this.scopeFor(user, query);
    const filter = visitScopeFilter(scope, 3);
    const [viewRows, visitorRows, topRows] = await Promise.all([
      this.dataSource.query<{ day: string; source: VisitSource; views: number }[]>(viewsByDaySql(filter.sql), [from, to, ...filter.values]),
      this.dataSource.query<{ day: string; visitors: number }[]>(UNIQUE_VISITORS_SQL, [from, to, scopeKey(scope)]),
      this.dataSource.query<{ page_kind: VisitPageKind; page_key: string; views: number }[]>(topPagesSql(filter.sql, 3 + filter.values.length), [from, to, ...filter.values, TOP_PAGES]),
    ]);
    const days = new Map<string, VisitDayView>();
    for (let day = from; day <= to; day = addDays(day, 1)) days.set(day, { day, views: 0, uniqueVisitors: 0, viewsBySource: noViews() });
    for (const row of viewRows) {
      const entry = days.get(row.day);
      if (!entry) continue;
      entry.views += row.views;
      entry.viewsBySource[row.source] += row.views;
    }
    for (const row of visitorRows) {
      const entry = days.get(row.day);
      if (entry) entry.uniqueVisitors = row.visitors;
    }
    const list = [...days.values()];
    const bySource = noViews();
    for (const entry of list) for (const source of VISIT_SOURCES) bySource[source] += entry.viewsBySource[source];
    return {
      from,
      to,
      timeZone: 'Asia/Jakarta',
      scope: { kind: scope.kind, id: scope.kind === 'nation' ? null : scope.id },
      days: list,
      totals: {
        views: list.reduce((sum, entry) => sum + entry.views, 0),
        uniqueVisitorsSummedDaily: list.reduce((sum, entry) => sum + entry.uniqueVisitors, 0),
        viewsBySource: bySource,
      },
      topPages: topRows.map((row) => ({ pageKind: row.page_kind, pageKey: row.page_key, views: row.views })),
    };
  }

  /** The scope asked for, if the reader may see it (outside it: 404, as everywhere); else the reader's own. */
  private async scopeFor(user: AuthUser, query: VisitsQueryDto): Promise<VisitScopeFilter> {
    if (query.facilityId && query.kanwilId) throw new ValidationError('facilityId', 'and kanwilId cannot be combined');
    if (query.facilityId) {
      const facility = await this.dataSource.getRepository(Facility).findOneBy({ id: query.facilityId });
      assertInScope(user, facility, 'Facility');
      return { kind: 'facility', id: facility.id };
    }
    if (query.kanwilId) {
      const kanwil = await this.dataSource.getRepository(Kanwil).findOneBy({ id: query.kanwilId });
      if (!kanwil || !isKanwilInScope(user, kanwil.id)) throw new NotFoundError('Kanwil');
      return { kind: 'kanwil', id: kanwil.id };
    }
    const own = scopeOf(user);
    if (own.kind === 'facility') return { kind: 'facility', id: own.facilityId };
    if (own.kind === 'kanwil') return { kind: 'kanwil', id: own.kanwilId };
    return { kind: 'nation' };
  }
}

function noViews(): ViewsBySourceView {
  return Object.fromEntries(VISIT_SOURCES.map((source) => [source, 0])) as unknown as ViewsBySourceView;
}
