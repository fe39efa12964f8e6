/**
 * Where a page view came from, in the channels a Humas office reports on. Only the class is kept;
 * the Referer itself is never stored.
 */
export const VISIT_SOURCES = [
  'CAMPAIGN',
  'WHATSAPP',
  'INSTAGRAM',
  'FACEBOOK',
  'TIKTOK',
  'X',
  'GOOGLE',
  'OTHER_SEARCH',
  'INTERNAL',
  'DIRECT',
  'OTHER',
] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];

/**
 * The query parameter that names a campaign on a landing URL (`/produk/kain?k=ramadan-2027`). The
 * share links of a later slice (`/s/{code}`) redirect to the page with it added; WhatsApp sends
 * no Referer, so this is how a shared link is told apart from a typed address.
 */
export const CAMPAIGN_PARAM = 'k';

/** A campaign code as the share links will write it; anything else is ignored, not stored. */
const CAMPAIGN_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export interface Arrival {
  source: VisitSource;
  /** The campaign code, or '' for none. */
  campaign: string;
}

type Channel = Exclude<VisitSource, 'CAMPAIGN' | 'INTERNAL' | 'DIRECT'>;

/** Hosts by channel: the host itself or any subdomain of it (l.instagram.com, lm.facebook.com). */
const HOSTS: readonly (readonly [string, Channel])[] = [
  ['wa.me', 'WHATSAPP'],
  ['whatsapp.com', 'WHATSAPP'],
  ['instagram.com', 'INSTAGRAM'],
  ['facebook.com', 'FACEBOOK'],
  ['fb.com', 'FACEBOOK'],
  ['fb.me', 'FACEBOOK'],
  ['messenger.com', 'FACEBOOK'],
  ['tiktok.com', 'TIKTOK'],
  ['t.co', 'X'],
  ['x.com', 'X'],
  ['twitter.com', 'X'],
  ['bing.com', 'OTHER_SEARCH'],
  ['duckduckgo.com', 'OTHER_SEARCH'],
  ['yahoo.com', 'OTHER_SEARCH'],
  ['yandex.com', 'OTHER_SEARCH'],
  ['ecosia.org', 'OTHER_SEARCH'],
];

/** Android apps send `android-app://<package>/` as Referer. */
const APPS: Readonly<Record<string, Channel>> = {
  'com.whatsapp': 'WHATSAPP',
  'com.whatsapp.w4b': 'WHATSAPP',
  'com.instagram.android': 'INSTAGRAM',
  'com.facebook.katana': 'FACEBOOK',
  'com.facebook.lite': 'FACEBOOK',
  'com.facebook.orca': 'FACEBOOK',
  'com.zhiliaoapp.musically': 'TIKTOK',
  'com.ss.android.ugc.trill': 'TIKTOK',
  'com.twitter.android': 'X',
  'com.google.android.googlequicksearchbox': 'GOOGLE',
  'com.google.android.gm': 'OTHER',
};

/** `utm_source` values that name a channel, for links shared without a Referer. */
const UTM_SOURCES: Readonly<Record<string, Channel>> = {
  whatsapp: 'WHATSAPP',
  wa: 'WHATSAPP',
  instagram: 'INSTAGRAM',
  ig: 'INSTAGRAM',
  facebook: 'FACEBOOK',
  fb: 'FACEBOOK',
  tiktok: 'TIKTOK',
  x: 'X',
  twitter: 'X',
  google: 'GOOGLE',
};

/** google.com, google.co.id, google.com.au, www.google.de ... */
const GOOGLE_HOST = /(^|\.)google\.(com|co)(\.[a-z]{2})?$|(^|\.)google\.[a-z]{2}$/;

/**
 * Classifies one arrival. `landingUrl` is the page's URL (path and query; a relative one is
 * fine), `referer` the header as sent, `ownHosts` the hosts this site answers on: a Referer from
 * one of them is a click inside the site (INTERNAL), not a new arrival. A campaign parameter wins
 * over everything: the link was made to be counted.
 */
export function classifyArrival(landingUrl: string, referer: string | undefined, ownHosts: readonly string[]): Arrival {
  const query = landingQuery(landingUrl);
  const campaign = (query.get(CAMPAIGN_PARAM) ?? '').trim().toLowerCase();
  if (CAMPAIGN_CODE.test(campaign)) return { source: 'CAMPAIGN', campaign };
  return { source: sourceOf(referer, query.get('utm_source'), ownHosts), campaign: '' };
}

/** The landing URL's query; none when the URL cannot be read (`//host:99999` as a path). */
function landingQuery(landingUrl: string): URLSearchParams {
  try {
    return new URL(landingUrl, 'http://landing.invalid').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function sourceOf(referer: string | undefined, utmSource: string | null, ownHosts: readonly string[]): VisitSource {
  const from = parseReferer(referer);
  if (from?.kind === 'host' && ownHosts.includes(from.host)) return 'INTERNAL';
  const byReferer = from === undefined ? undefined : from.kind === 'app' ? APPS[from.app] : channelOfHost(from.host);
  if (byReferer) return byReferer;
  const byUtm = UTM_SOURCES[(utmSource ?? '').trim().toLowerCase()];
  if (byUtm) return byUtm;
  return from === undefined ? 'DIRECT' : 'OTHER';
}

function channelOfHost(host: string): Channel | undefined {
  if (GOOGLE_HOST.test(host)) return 'GOOGLE';
  for (const [domain, channel] of HOSTS) if (host === domain || host.endsWith(`.${domain}`)) return channel;
  return undefined;
}

type Referer = { kind: 'host'; host: string } | { kind: 'app'; app: string };

/** The host of a Referer (lower case, no port, no `www.`), or the Android app that sent it; undefined when absent or unreadable. */
function parseReferer(referer: string | undefined): Referer | undefined {
  const text = (referer ?? '').trim();
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL at all: something sent a Referer, so the visitor did not type the address.
    return { kind: 'host', host: '' };
  }
  if (url.protocol === 'android-app:') return { kind: 'app', app: url.hostname.toLowerCase() };
  return { kind: 'host', host: url.hostname.toLowerCase().replace(/^www\./, '') };
}

/** The host (lower case, no port, no `www.`) of a base URL, as `ownHosts` wants it. */
export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).hostname.toLowerCase().replace(/^www\./, '');
}
