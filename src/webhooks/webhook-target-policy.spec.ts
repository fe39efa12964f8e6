import { refusedAddress, refusedUrl } from './webhook-target-policy';

const production = { production: true };
const development = { production: false };

describe('webhook target policy', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '::1', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', 'fe80::1', 'fd00::1', '::', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '::ffff:169.254.169.254',
  ])('refuses %s in production', (address) => {
    expect(refusedAddress(address, production)).not.toBeNull();
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusedAddress(address, production)).toBeNull();
    expect(refusedAddress(address, development)).toBeNull();
  });

  it('allows loopback outside production only; other private ranges never', () => {
    expect(refusedAddress('127.0.0.1', development)).toBeNull();
    expect(refusedAddress('::1', development)).toBeNull();
    expect(refusedAddress('10.1.2.3', development)).not.toBeNull();
    expect(refusedAddress('169.254.169.254', development)).not.toBeNull();
  });

  it.each([
    ['http://shop.example/hook', 'must use https'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://[::1]/hook', 'loopback'],
    ['https://10.0.0.2/hook', 'private'],
    ['https://localhost:8443/hook', 'local name'],
    ['https://metadata.internal/hook', 'local name'],
    ['https://user:pass@shop.example/hook', 'credentials'],
    ['ftp://shop.example/hook', 'https'],
    ['not a url', 'not a URL'],
  ])('refuses %s in production (%s)', (url, reason) => {
    expect(refusedUrl(url, production)).toContain(reason);
  });

  it.each([
    ['https://localhost./hook', 'local name'],
    ['https://LOCALHOST../hook', 'local name'],
    ['https://api.localhost./hook', 'local name'],
    ['https://metadata/computeMetadata', 'local name'],
    ['https://metadata.google.internal./hook', 'local name'],
    ['https://printer.local./hook', 'local name'],
    ['https://router.home.arpa/hook', 'local name'],
    ['https://[::127.0.0.1]/hook', 'IPv4-compatible'],
    ['https://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/hook', 'private'],
    ['https://[64:ff9b::10.0.0.1]/hook', 'NAT64'],
    ['https://[2002:7f00:1::]/hook', '6to4'],
    ['https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', 'Teredo'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://127.0.0.1./hook', 'loopback'],
    ['https://0x7f.1/hook', 'loopback'],
    ['https://2130706433/hook', 'loopback'],
  ])('refuses %s in production (%s)', (url, reason) => {
    expect(refusedUrl(url, production)).toContain(reason);
  });

  it.each(['http://[::127.0.0.1]/hook', 'http://[2002:7f00:1::]/hook', 'http://[64:ff9b::127.0.0.1]/hook', 'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook'])(
    'refuses %s in development too: a tunnel to loopback is not this host',
    (url) => {
      expect(refusedUrl(url, development)).not.toBeNull();
    },
  );

  it('accepts https to a public name in production, and a local http receiver in development', () => {
    expect(refusedUrl('https://shop.example/webhooks/etalase', production)).toBeNull();
    expect(refusedUrl('https://shop.example./webhooks/etalase', production)).toBeNull();
    expect(refusedUrl('https://[2606:4700:4700::1111]/hook', production)).toBeNull();
    expect(refusedUrl('http://127.0.0.1:4000/hook', development)).toBeNull();
    expect(refusedUrl('http://localhost:4000/hook', development)).toBeNull();
  });
});
