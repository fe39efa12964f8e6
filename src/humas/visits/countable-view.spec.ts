import { isCountableView, type ViewRequest } from './countable-view';

/** User agents as real browsers and bots send them. */
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
const FIREFOX_DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
const INSTAGRAM_IN_APP =
  'Mozilla/5.0 (Linux; Android 12; Redmi Note 11 Build/SKQ1.211103.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 Instagram 312.0.0.32.112 Android (31/12; 440dpi; 1080x2400; Xiaomi; Redmi Note 11; spes; qcom; in_ID; 548323749)';
const FACEBOOK_IN_APP =
  'Mozilla/5.0 (Linux; Android 11; RMX2185 Build/RP1A.200720.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/444.0.0.35.110;]';

const BOT_AGENTS = {
  googlebot: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  whatsappPreview: 'WhatsApp/2.23.20.0 A',
  bing: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  twitter: 'Twitterbot/1.0',
  telegram: 'TelegramBot (like TwitterBot)',
  curl: 'curl/8.5.0',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
  uptime: 'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
};

const view = (overrides: Partial<ViewRequest> = {}): ViewRequest => ({ method: 'GET', status: 200, userAgent: CHROME_ANDROID, headers: {}, ...overrides });

describe('isCountableView', () => {
  it.each([CHROME_ANDROID, SAFARI_IPHONE, FIREFOX_DESKTOP, INSTAGRAM_IN_APP, FACEBOOK_IN_APP])('counts a person in %s', (userAgent) => {
    expect(isCountableView(view({ userAgent }))).toBe(true);
  });

  it.each(Object.entries(BOT_AGENTS))('leaves out the %s bot', (_name, userAgent) => {
    expect(isCountableView(view({ userAgent }))).toBe(false);
  });

  it('leaves out requests without a User-Agent', () => {
    expect(isCountableView(view({ userAgent: undefined }))).toBe(false);
    expect(isCountableView(view({ userAgent: ' ' }))).toBe(false);
  });

  it('counts only a GET answered 200', () => {
    expect(isCountableView(view({ method: 'HEAD' }))).toBe(false);
    expect(isCountableView(view({ method: 'POST' }))).toBe(false);
    for (const status of [201, 301, 304, 404, 500]) expect(isCountableView(view({ status }))).toBe(false);
  });

  it('leaves out prefetches and prerenders, which may never be shown', () => {
    expect(isCountableView(view({ headers: { 'sec-purpose': 'prefetch' } }))).toBe(false);
    expect(isCountableView(view({ headers: { 'sec-purpose': 'prefetch;prerender' } }))).toBe(false);
    expect(isCountableView(view({ headers: { purpose: 'prefetch' } }))).toBe(false);
    expect(isCountableView(view({ headers: { 'x-moz': 'prefetch' } }))).toBe(false);
    expect(isCountableView(view({ headers: { 'x-purpose': 'preview' } }))).toBe(false);
    expect(isCountableView(view({ headers: { 'sec-fetch-dest': 'document' } }))).toBe(true);
  });
});
