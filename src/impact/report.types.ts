export const REPORT_GROUPS = ['facility', 'region', 'program', 'category', 'product', 'month'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Reports run on the calendar of Western Indonesia (WIB), where the Directorate files. */
export const REPORT_TIME_ZONE = 'Asia/Jakarta';

/** The money columns every report carries, in this order (CSV too). */
export const REPORT_MEASURES = ['orders', 'items', 'gross', 'refunds', 'cost', 'profit', 'premi', 'pnbp', 'capital'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];
export type ReportMeasures = Record<ReportMeasure, number>;
