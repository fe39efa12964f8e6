import { advisoryLockId, ClientHasher, networkIdentity, normaliseEmail } from './client-identity';

describe('networkIdentity', () => {
  it('keeps an IPv4 address, and reads IPv4-mapped IPv6 as that address', () => {
    expect(networkIdentity('203.0.113.7')).toBe('203.0.113.7');
    expect(networkIdentity('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(networkIdentity(' ::FFFF:203.0.113.7 ')).toBe('203.0.113.7');
  });

  it('counts a whole IPv6 /64 as one client, however the address is written', () => {
    const a = networkIdentity('2001:db8:1234:5678::1');
    expect(a).toBe('2001:0db8:1234:5678::/64');
    expect(networkIdentity('2001:db8:1234:5678:ffff:eeee:dddd:cccc')).toBe(a);
    expect(networkIdentity('2001:0DB8:1234:5678:0:0:0:2')).toBe(a);
    expect(networkIdentity('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(networkIdentity('::1')).toBe('0000:0000:0000:0000::/64');
    expect(networkIdentity('64:ff9b::192.0.2.33')).toBe('0064:ff9b:0000:0000::/64');
    expect(networkIdentity('2001:db8:1234:5679::1')).not.toBe(a);
  });

  it('groups what is not an address under one identity', () => {
    expect(networkIdentity(undefined)).toBe('unknown');
    expect(networkIdentity('')).toBe('unknown');
    expect(networkIdentity('not-an-ip')).toBe('unknown');
  });
});

describe('normaliseEmail', () => {
  it('ignores case, surrounding space and a +tag', () => {
    expect(normaliseEmail(' Siti.R+toko1@Example.COM ')).toBe('siti.r@example.com');
    expect(normaliseEmail('siti.r@example.com')).toBe('siti.r@example.com');
  });

  it('ignores dots at Gmail, and googlemail.com is gmail.com', () => {
    expect(normaliseEmail('s.i.t.i+a@googlemail.com')).toBe('siti@gmail.com');
    expect(normaliseEmail('SITI@gmail.com')).toBe('siti@gmail.com');
  });

  it('keeps a local part that only starts with +, and text without @', () => {
    expect(normaliseEmail('+only@example.com')).toBe('+only@example.com');
    expect(normaliseEmail('no-at-sign')).toBe('no-at-sign');
  });
});

describe('ClientHasher', () => {
  const hasher = new ClientHasher('x'.repeat(40));

  it('hashes one client to one key, and never stores the raw value', () => {
    expect(hasher.ipHash('::ffff:203.0.113.7')).toBe(hasher.ipHash('203.0.113.7'));
    expect(hasher.ipHash('203.0.113.7')).not.toBe(hasher.ipHash('203.0.113.8'));
    expect(hasher.emailKey('Siti+a@example.com')).toBe(hasher.emailKey('siti@example.com'));
    expect(hasher.ipHash('203.0.113.7')).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.ipHash('203.0.113.7')).not.toContain('203');
  });

  it('depends on the secret, so a hash cannot be matched without it', () => {
    expect(new ClientHasher('y'.repeat(40)).ipHash('203.0.113.7')).not.toBe(hasher.ipHash('203.0.113.7'));
  });

  it('keeps an address and an e-mail apart even when they are the same text', () => {
    expect(hasher.ipHash('unknown')).not.toBe(hasher.emailKey('unknown'));
  });
});

describe('advisoryLockId', () => {
  it('is a stable signed 64-bit id per identity', () => {
    const id = advisoryLockId('ip:abc');
    expect(advisoryLockId('ip:abc')).toBe(id);
    expect(advisoryLockId('ip:abd')).not.toBe(id);
    expect(id >= -(2n ** 63n) && id < 2n ** 63n).toBe(true);
  });
});
