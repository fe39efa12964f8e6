import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import { ValidationError } from '../../common/errors/domain-error.js';
import { SHARE_CHANNELS, type ShareChannel } from '../campaigns/campaign.types.js';
import type { ClicksByChannelView } from '../campaigns/campaign.views.js';
import type { Touch } from '../campaigns/dto/campaign-summary-query.dto.js';
import { VISIT_SOURCES, type VisitSource } from '../visits/referrer-source.js';
import { addDays, VisitClock } from '../visits/visit-day.js';
import { scopeKey, UNIQUE_VISITORS_SQL, viewsByDaySql, visitScopeFilter } from '../visits/visit.queries.js';
import type { ViewsBySourceView } from '../visits/visits.views.js';
import { campaignFilter, clicksByDaySql, facilityFilter, listingsByDaySql, ordersSql, reviewTurnaroundSql, storiesByDaySql, unitsSql } from './dashboard.queries.js';
import { type CampaignOrdersView, type DashboardTrendView, type HumasDashboardView, ORDER_SOURCES, type OrderFiguresView, type OrderSource, type SourceOrdersView } from './dashboard.views.js';
import type { DashboardQueryDto } from './dto/dashboard-query.dto.js';
import { type NamedScope, resolveHumasScope } from './humas-scope.js';
import { odonMeasure, odonTarget, ratio } from './odon.js';
import { buckets, dayCount } from './period.js';

const MAX_DAYS = 366;

interface Day {
  stories: number;
  unitsPublishing: number;
  views: number;
  uniques: number;
  clicks: number;
  orders: number;
  paidOrders: number;
  paidRevenue: number;
  listings: number;
}

interface OrderRow {
  placed_day: string;
  paid_day: string | null;
  revenue: string;
  code: string | null;
  channel: ShareChannel | null;
  campaign_id: string | null;
  campaign_name: string | null;
}

/**
 * The Humas dashboard: a facility's, a Kanwil's or the nation's PR performance over a period, in
 * the Directorate General's terms (One Day One News), with visits, share clicks, attributed
 * orders, new listings and review turnaround, and their weekly and monthly trends.
 */
@Injectable()
export class HumasDashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: VisitClock,
  ) {}

  async dashboard(user: AuthUser, query: DashboardQueryDto): Promise<HumasDashboardView> {
    const to = query.to ?? this.clock.today();
    const from = query.from ?? addDays(to, -29);
    if (from > to) throw new ValidationError('from', 'must not be after to');
    if (dayCount(from, to) > MAX_DAYS) throw new ValidationError('from', `and to may span at most ${MAX_DAYS} days`);
    const scope = await resolveHumasScope(this.dataSource, user, query);
    return this.measure(scope, from, to, query.touch ?? 'last');
  }

  /** The dashboard of a scope already checked against the reader; the monthly report's too. */
  async measure(scope: NamedScope, from: string, to: string, touch: Touch): Promise<HumasDashboardView> {
    const facilities = facilityFilter(scope, 3);
    const campaigns = campaignFilter(scope, 3);
    const views = visitScopeFilter(scope, 3);
    const period = [from, to];
    const q = <T>(sql: string, values: unknown[]): Promise<T[]> => this.dataSource.query<T[]>(sql, values);
    const [[units], storyRows, listingRows, viewRows, uniqueRows, clickRows, orderRows, [review]] = await Promise.all([
      q<{ units: number }>(unitsSql(facilityFilter(scope, 1).sql), facilityFilter(scope, 1).values),
      q<{ day: string; stories: number; units: number }>(storiesByDaySql(facilities.sql), [...period, ...facilities.values]),
      q<{ day: string; listings: number }>(listingsByDaySql(facilities.sql), [...period, ...facilities.values]),
      q<{ day: string; source: VisitSource; views: number }>(viewsByDaySql(views.sql), [...period, ...views.values]),
      q<{ day: string; visitors: number }>(UNIQUE_VISITORS_SQL, [...period, scopeKey(scope)]),
      q<{ day: string; channel: ShareChannel; clicks: number }>(clicksByDaySql(campaigns.sql), [...period, ...campaigns.values]),
      q<OrderRow>(ordersSql(facilities.sql, touch === 'first' ? 'first_touch_code' : 'last_touch_code'), [...period, ...facilities.values]),
      q<{ reviews: number; median_hours: number | null }>(reviewTurnaroundSql(facilities.sql), [...period, ...facilities.values]),
    ]);
    const unitCount = units?.units ?? 0;

    const days = new Map<string, Day>();
    for (let day = from; day <= to; day = addDays(day, 1)) days.set(day, { stories: 0, unitsPublishing: 0, views: 0, uniques: 0, clicks: 0, orders: 0, paidOrders: 0, paidRevenue: 0, listings: 0 });
    const on = (day: string | null): Day | undefined => (day === null ? undefined : days.get(day));
    const bySource = Object.fromEntries(VISIT_SOURCES.map((source) => [source, 0])) as unknown as ViewsBySourceView;
    const byChannel = Object.fromEntries(SHARE_CHANNELS.map((channel) => [channel, 0])) as unknown as ClicksByChannelView;
    for (const row of storyRows) {
      const day = on(row.day);
      if (!day) continue;
      day.stories += row.stories;
      day.unitsPublishing += row.units;
    }
    for (const row of listingRows) {
      const day = on(row.day);
      if (day) day.listings += row.listings;
    }
    for (const row of viewRows) {
      const day = on(row.day);
      if (!day) continue;
      day.views += row.views;
      bySource[row.source] += row.views;
    }
    for (const row of uniqueRows) {
      const day = on(row.day);
      if (day) day.uniques += row.visitors;
    }
    for (const row of clickRows) {
      const day = on(row.day);
      if (!day) continue;
      day.clicks += row.clicks;
      byChannel[row.channel] += row.clicks;
    }
    const campaignsSeen = new Map<string, CampaignOrdersView>();
    const sources = new Map<OrderSource, SourceOrdersView>(ORDER_SOURCES.map((source) => [source, { source, orders: 0, paidOrders: 0, paidRevenue: 0 }]));
    for (const row of orderRows) {
      const placed = on(row.placed_day);
      const paid = on(row.paid_day);
      const revenue = Number(row.revenue);
      const source: OrderSource = row.channel ?? (row.code ? 'REMOVED_LINK' : 'NONE');
      const targets: (OrderFiguresView | undefined)[] = [sources.get(source)];
      if (row.campaign_id) {
        const entry = campaignsSeen.get(row.campaign_id) ?? { campaignId: row.campaign_id, campaignName: row.campaign_name ?? '', orders: 0, paidOrders: 0, paidRevenue: 0 };
        campaignsSeen.set(row.campaign_id, entry);
        targets.push(entry);
      }
      if (placed) placed.orders += 1;
      if (paid) {
        paid.paidOrders += 1;
        paid.paidRevenue += revenue;
      }
      for (const target of targets) {
        if (!target) continue;
        if (placed) target.orders += 1;
        if (!paid) continue;
        target.paidOrders += 1;
        target.paidRevenue += revenue;
      }
    }

    const all = [...days.values()];
    const sum = (list: Day[], pick: (day: Day) => number): number => list.reduce((total, day) => total + pick(day), 0);
    const trend = (by: 'week' | 'month'): DashboardTrendView[] =>
      buckets(from, to, by).map((bucket) => {
        const list = [...days.entries()].filter(([day]) => day >= bucket.from && day <= bucket.to).map(([, day]) => day);
        return {
          period: bucket.key,
          from: bucket.from,
          to: bucket.to,
          storiesPublished: sum(list, (d) => d.stories),
          odonTarget: odonTarget(unitCount, list.length),
          views: sum(list, (d) => d.views),
          dailyUniqueVisitorsSummed: sum(list, (d) => d.uniques),
          clicks: sum(list, (d) => d.clicks),
          orders: sum(list, (d) => d.orders),
          paidOrders: sum(list, (d) => d.paidOrders),
          paidRevenue: sum(list, (d) => d.paidRevenue),
          productsNewlyListed: sum(list, (d) => d.listings),
        };
      });
    const totalViews = sum(all, (d) => d.views);
    const totalOrders = sum(all, (d) => d.orders);
    const published = sum(all, (d) => d.stories);
    return {
      from,
      to,
      timeZone: 'Asia/Jakarta',
      scope: { kind: scope.kind, id: scope.kind === 'nation' ? null : scope.id, name: scope.name },
      units: unitCount,
      days: all.length,
      odon: odonMeasure(published, unitCount, all.length, sum(all, (d) => d.unitsPublishing)),
      visits: { views: totalViews, dailyUniqueVisitorsSummed: sum(all, (d) => d.uniques), viewsBySource: bySource },
      shareClicks: { total: sum(all, (d) => d.clicks), byChannel },
      orders: {
        touch,
        orders: totalOrders,
        paidOrders: sum(all, (d) => d.paidOrders),
        paidRevenue: sum(all, (d) => d.paidRevenue),
        conversion: totalViews > 0 ? ratio(totalOrders, totalViews) : null,
        byCampaign: [...campaignsSeen.values()].sort((a, b) => b.orders - a.orders || b.paidRevenue - a.paidRevenue || a.campaignName.localeCompare(b.campaignName, 'id')),
        bySource: [...sources.values()],
        currency: 'IDR',
      },
      productsNewlyListed: sum(all, (d) => d.listings),
      stories: {
        published,
        reviewed: review?.reviews ?? 0,
        medianReviewHours: review?.median_hours === null || review?.median_hours === undefined ? null : Math.round(Number(review.median_hours) * 10) / 10,
      },
      trends: { weekly: trend('week'), monthly: trend('month') },
    };
  }
}
