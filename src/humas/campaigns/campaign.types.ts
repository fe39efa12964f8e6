/** What a campaign is judged by. */
export const CAMPAIGN_GOALS = ['VISITS', 'ORDERS'] as const;
export type CampaignGoal = (typeof CAMPAIGN_GOALS)[number];

/** Whose campaign it is: follows the creator's role (facility admin, regional admin, national staff). */
export const CAMPAIGN_SCOPES = ['FACILITY', 'KANWIL', 'NATION'] as const;
export type CampaignScope = (typeof CAMPAIGN_SCOPES)[number];

/** Where a share link is posted; PRINT is a QR code on a poster or product card. */
export const SHARE_CHANNELS = ['WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'TIKTOK', 'X', 'PRINT'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** The showcase page a share link opens. */
export const LINK_TARGETS = ['HOME', 'PRODUCT', 'STORY', 'FACILITY'] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];

/** Featured products or stories per campaign. */
export const MAX_FEATURED = 30;
