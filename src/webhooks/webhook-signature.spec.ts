import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './webhook-signature';

const SECRET = 'whsec_test_0123456789';
const BODY = '{"id":"e1","type":"order.paid"}';

describe('webhook signatures', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(signatureHeader(SECRET, BODY, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies what it signs, within the tolerance', () => {
    const header = signatureHeader(SECRET, BODY, 1_700_000_000);
    expect(verifySignature(SECRET, BODY, header, 1_700_000_100)).toBe(true);
    expect(verifySignature(SECRET, BODY, header, 1_700_000_301)).toBe(false);
  });

  it.each([
    ['another body', SECRET, `${BODY} `],
    ['another secret', 'whsec_other', BODY],
  ])('refuses %s', (_label, secret, body) => {
    expect(verifySignature(secret, body, signatureHeader(SECRET, BODY, 1_700_000_000), 1_700_000_000)).toBe(false);
  });

  it.each(['', 't=abc,v1=00', 'v1=00', 't=1700000000', 't=1700000000,v1=zz'])('refuses the malformed header %j', (header) => {
    expect(verifySignature(SECRET, BODY, header, 1_700_000_000)).toBe(false);
  });
});

describe('the verification snippet in README', () => {
  it('accepts what Etalase signs and refuses a tampered body', async () => {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { runInNewContext } = await import('node:vm');
    const readme = await readFile(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const snippet = /Verifying a delivery[^`]*```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const isFromEtalase = runInNewContext(`${snippet ?? ''}\nisFromEtalase`, { require, Buffer, Date, Number, Math, Object }) as (body: string, header: string, secret: string) => boolean;
    const header = signatureHeader(SECRET, BODY, Math.floor(Date.now() / 1000));
    expect(isFromEtalase(BODY, header, SECRET)).toBe(true);
    expect(isFromEtalase(`${BODY} `, header, SECRET)).toBe(false);
    expect(isFromEtalase(BODY, header, 'whsec_other')).toBe(false);
  });
});
