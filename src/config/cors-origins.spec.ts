import { invalidCorsOrigins, parseCorsOrigins } from './cors-origins';

describe('CORS_ORIGINS', () => {
  it('lists exact origins, and `*` apart', () => {
    expect(parseCorsOrigins(undefined)).toEqual({ origins: [], anyOriginMayRead: false });
    expect(parseCorsOrigins(' https://toko.example , *, http://localhost:5173,')).toEqual({
      origins: ['https://toko.example', 'http://localhost:5173'],
      anyOriginMayRead: true,
    });
  });

  it('accepts what a browser sends as Origin', () => {
    expect(invalidCorsOrigins('https://toko.example,http://localhost:5173,https://[::1]:8443,https://xn--tk-eka.example,*')).toEqual([]);
  });

  it.each([
    'https://toko.example/',
    'https://toko.example/shop',
    'https://Toko.example',
    'https://toko.example:443',
    'http://toko.example:80',
    'https://*.toko.example',
    'toko.example',
    'ftp://toko.example',
    'null',
    'https://user@toko.example',
    'https://toko.example?x=1',
  ])('refuses %s, which would never match', (entry) => {
    expect(invalidCorsOrigins(`https://ok.example,${entry}`)).toEqual([entry]);
  });
});
