import { VisitBuffer } from './visit-buffer';
import { addDays, jakartaDay } from './visit-day';
import { visitorHash, visitorIdentity } from './visitor-hash';

const PAGE = { day: '2026-12-07', kind: 'product' as const, key: 'kain' };

describe('VisitBuffer', () => {
  it('adds views of the same page, day, source and campaign into one row', () => {
    const buffer = new VisitBuffer();
    buffer.addView(PAGE, 'WHATSAPP', '');
    buffer.addView(PAGE, 'WHATSAPP', '');
    buffer.addView(PAGE, 'CAMPAIGN', 'hut-ri');
    buffer.addView({ ...PAGE, day: '2026-12-08' }, 'WHATSAPP', '');
    const batch = buffer.take();
    expect(batch.views.map((v) => [v.day, v.source, v.campaign, v.count])).toEqual([
      ['2026-12-07', 'WHATSAPP', '', 2],
      ['2026-12-07', 'CAMPAIGN', 'hut-ri', 1],
      ['2026-12-08', 'WHATSAPP', '', 1],
    ]);
    expect(buffer.size).toBe(0);
  });

  it('keeps a visitor once per page and day', () => {
    const buffer = new VisitBuffer();
    const hash = visitorHash(Buffer.alloc(32, 1), visitorIdentity('203.0.113.9', 'UA'));
    buffer.addVisitor({ ...PAGE, hash });
    buffer.addVisitor({ ...PAGE, hash: Buffer.from(hash) });
    buffer.addVisitor({ ...PAGE, key: 'other', hash });
    buffer.addVisitor({ ...PAGE, identity: 'x' });
    buffer.addVisitor({ ...PAGE, identity: 'x' });
    expect(buffer.take().visitors).toHaveLength(3);
  });

  it('takes a failed batch back, merging views, up to its limit', () => {
    const buffer = new VisitBuffer();
    buffer.addView(PAGE, 'DIRECT', '');
    const failed = buffer.take();
    buffer.addView(PAGE, 'DIRECT', '', 4);
    expect(buffer.restore(failed, 10)).toBe(0);
    expect(buffer.take().views).toEqual([{ ...PAGE, source: 'DIRECT', campaign: '', count: 5 }]);

    buffer.addView(PAGE, 'GOOGLE', '');
    const more = { views: [{ ...PAGE, source: 'X' as const, campaign: '', count: 2 }], visitors: [{ ...PAGE, identity: 'y' }] };
    expect(buffer.restore(more, 1)).toBe(2);
  });
});

describe('visit days and hashes', () => {
  it('is the calendar day in WIB (UTC+7) for everyone', () => {
    expect(jakartaDay(new Date('2026-12-07T16:59:59Z'))).toBe('2026-12-07');
    expect(jakartaDay(new Date('2026-12-07T17:00:00Z'))).toBe('2026-12-08');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('hashes address and browser with the salt: another salt, address or browser is another visitor', () => {
    const salt = Buffer.alloc(32, 7);
    const base = visitorHash(salt, visitorIdentity('203.0.113.9', 'UA')).toString('hex');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(visitorHash(salt, visitorIdentity('203.0.113.9', 'UA')).toString('hex')).toBe(base);
    expect(visitorHash(Buffer.alloc(32, 8), visitorIdentity('203.0.113.9', 'UA')).toString('hex')).not.toBe(base);
    expect(visitorHash(salt, visitorIdentity('203.0.113.10', 'UA')).toString('hex')).not.toBe(base);
    expect(visitorHash(salt, visitorIdentity('203.0.113.9', 'UA2')).toString('hex')).not.toBe(base);
    // One IPv6 subscriber (a /64) rotating addresses is one visitor, as for checkout's limits.
    expect(visitorIdentity('2001:db8:1:2::1', 'UA')).toBe(visitorIdentity('2001:db8:1:2:aaaa::9', 'UA'));
  });
});
