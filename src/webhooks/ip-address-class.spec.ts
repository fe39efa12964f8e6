import { classifyAddress } from './ip-address-class';

/** Teredo hides the client's IPv4 in the last 32 bits, inverted: 127.0.0.1 is 80ff:fffe. */
const TEREDO_SERVER = '4136:e378'; // 65.54.227.120, a public Teredo server

describe('IP address classifier', () => {
  it.each([
    ['127.0.0.1'],
    ['127.255.0.9'],
    ['::1'],
    ['0:0:0:0:0:0:0:1'],
    ['::ffff:127.0.0.1'],
    ['::ffff:7f00:1'], // the same, as the URL parser writes it
  ])('%s is loopback', (address) => {
    expect(classifyAddress(address)).toEqual({ kind: 'loopback' });
  });

  it.each([
    ['8.8.8.8'],
    ['93.184.216.34'],
    ['172.32.0.1'],
    ['100.128.0.1'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:80b::200e'],
    ['::ffff:8.8.8.8'],
    ['::ffff:808:808'],
    ['64:ff9b::8.8.8.8'], // NAT64 to a public address (DNS64 on an IPv6-only host)
    ['2002:808:808::1'], // 6to4 of 8.8.8.8
    [`2001:0:${TEREDO_SERVER}:0:0:f7f7:f7f7`], // Teredo, client 8.8.8.8
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toEqual({ kind: 'public' });
  });

  it.each([
    // IPv4: this network, private, CGNAT, link-local (metadata), reserved, documentation, multicast, broadcast
    ['0.0.0.0', 'private'],
    ['0.1.2.3', 'private'],
    ['10.0.0.5', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.254', 'private'],
    ['169.254.169.254', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'private'],
    ['192.0.2.1', 'private'],
    ['192.88.99.1', 'private'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'private'],
    ['198.51.100.7', 'private'],
    ['203.0.113.9', 'private'],
    ['224.0.0.1', 'private'],
    ['239.255.255.250', 'private'],
    ['240.0.0.1', 'private'],
    ['255.255.255.255', 'private'],
    // IPv6: unspecified, ULA, link-local, site-local, multicast, discard, documentation, IETF blocks
    ['::', 'unspecified'],
    ['fd00::1', 'reserved'],
    ['fc00::1', 'reserved'],
    ['fe80::1', 'reserved'],
    ['fe80::1%eth0', 'scoped'],
    ['fec0::1', 'reserved'],
    ['ff02::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['2001:2::1', 'reserved'],
    ['5f00::1', 'reserved'],
    // IPv4 inside IPv6: mapped, compatible, NAT64, local-use NAT64, 6to4, Teredo
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'private'], // 169.254.169.254
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::8.8.8.8', 'IPv4-compatible'],
    ['::0.0.0.2', 'IPv4-compatible'],
    ['64:ff9b::127.0.0.1', 'NAT64'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['64:ff9b::169.254.169.254', 'NAT64'],
    ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
    ['64:ff9b:1:ffff::1', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['2002:a00:1::1', '6to4'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2002:c0a8:101:0:0:0:0:1', '6to4'],
    [`2001:0:${TEREDO_SERVER}:0:0:80ff:fffe`, 'Teredo'], // client 127.0.0.1
    [`2001::${TEREDO_SERVER}:0:0:f5ff:fffa`, 'Teredo'], // client 10.0.0.5
    [`2001:0:${TEREDO_SERVER}:0:0:5601:5601`, 'Teredo'], // client 169.254.169.254
    ['2001:0:a00:1::f7f7:f7f7', 'Teredo'], // server 10.0.0.1, client 8.8.8.8
    // not addresses at all
    ['localhost', 'not an IP'],
    ['', 'not an IP'],
    ['1.2.3', 'not an IP'],
  ])('%s is refused (%s)', (address, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.kind).toBe('refused');
    expect(verdict.kind === 'refused' ? verdict.reason : '').toContain(reason);
  });
});
