import { ApiProperty } from '@nestjs/swagger';
import { VISIT_PAGE_KINDS, type VisitPageKind } from './visit-buffer.js';
import type { VisitSource } from './referrer-source.js';

/** Views by where the visitor came from; every source is present (0 when none). */
export class ViewsBySourceView implements Record<VisitSource, number> {
  @ApiProperty({ description: 'Landed through a link carrying a campaign code (`?k=`), as share links will' }) CAMPAIGN!: number;
  @ApiProperty({ description: 'wa.me, whatsapp.com or the WhatsApp app, or utm_source=whatsapp' }) WHATSAPP!: number;
  @ApiProperty() INSTAGRAM!: number;
  @ApiProperty({ description: 'facebook.com and its link shims, fb.com, fb.me, Messenger' }) FACEBOOK!: number;
  @ApiProperty() TIKTOK!: number;
  @ApiProperty({ description: 'x.com, twitter.com, t.co' }) X!: number;
  @ApiProperty({ description: 'Google search (any country domain)' }) GOOGLE!: number;
  @ApiProperty({ description: 'Bing, DuckDuckGo, Yahoo, Yandex, Ecosia' }) OTHER_SEARCH!: number;
  @ApiProperty({ description: 'A click from another page of this site (not a new arrival)' }) INTERNAL!: number;
  @ApiProperty({ description: 'No referrer: a typed or bookmarked address, or an app that sends none' }) DIRECT!: number;
  @ApiProperty({ description: 'Any other website' }) OTHER!: number;
}

export class VisitDayView {
  @ApiProperty({ format: 'date', description: 'Calendar day in Asia/Jakarta (WIB)' }) day!: string;
  @ApiProperty({ description: 'Page views by people (bots, prefetches and error pages excluded)' }) views!: number;
  @ApiProperty({ description: 'Distinct visitors this day in this scope (a salted hash of address and browser, kept 48 hours)' }) uniqueVisitors!: number;
  @ApiProperty({ type: ViewsBySourceView }) viewsBySource!: ViewsBySourceView;
}

export class VisitTotalsView {
  @ApiProperty() views!: number;
  @ApiProperty({
    description:
      'The daily unique visitors added up over the period. Not the number of different people in the period: one person on two days counts twice, and nothing links days together by design',
  })
  uniqueVisitorsSummedDaily!: number;
  @ApiProperty({ type: ViewsBySourceView }) viewsBySource!: ViewsBySourceView;
}

export class TopPageView {
  @ApiProperty({ enum: VISIT_PAGE_KINDS }) pageKind!: VisitPageKind;
  @ApiProperty({ description: "The page's slug ('' for the home and search pages)", example: 'kain-sasirangan' }) pageKey!: string;
  @ApiProperty() views!: number;
}

export class VisitScopeView {
  @ApiProperty({ enum: ['nation', 'kanwil', 'facility'] }) kind!: 'nation' | 'kanwil' | 'facility';
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The Kanwil or facility; null for the nation' }) id!: string | null;
}

/** Showcase visits for a scope and period, day by day. */
export class VisitsReportView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: ['Asia/Jakarta'], description: 'Days are calendar days in WIB for every visitor' }) timeZone!: 'Asia/Jakarta';
  @ApiProperty({ type: VisitScopeView }) scope!: VisitScopeView;
  @ApiProperty({ type: [VisitDayView], description: 'Every day of the period, oldest first (zeros included)' }) days!: VisitDayView[];
  @ApiProperty({ type: VisitTotalsView }) totals!: VisitTotalsView;
  @ApiProperty({ type: [TopPageView], description: 'The 10 most viewed pages of the period in this scope' }) topPages!: TopPageView[];
}
