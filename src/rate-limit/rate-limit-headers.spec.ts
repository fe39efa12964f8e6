import { rateLimitHeaders } from './rate-limit-headers';

describe('rateLimitHeaders', () => {
  it('states the policy and what is left of it as the IETF draft writes them', () => {
    expect(rateLimitHeaders(1200, 60, 1, 42)).toMatchObject({ 'RateLimit-Policy': '"default";q=1200;w=60', RateLimit: '"default";r=1199;t=42' });
  });

  it('never counts below zero once the quota is spent', () => {
    expect(rateLimitHeaders(10, 60, 12, 7)).toMatchObject({ RateLimit: '"default";r=0;t=7', 'RateLimit-Remaining': '0' });
  });

  it('still sends the earlier drafts\' fields with the same numbers, for partners written against them', () => {
    expect(rateLimitHeaders(300, 60, 5, 30)).toMatchObject({ 'RateLimit-Limit': '300', 'RateLimit-Remaining': '295', 'RateLimit-Reset': '30' });
  });
});
