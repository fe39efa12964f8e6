import { type Arrival, classifyArrival, hostOf } from './referrer-source';

const OWN = ['etalase.example.id'];
const at = (referer: string | undefined, landing = '/produk/kain-sasirangan'): Arrival => classifyArrival(landing, referer, OWN);

describe('classifyArrival', () => {
  it.each([
    // WhatsApp: its link shim, the web app, the Android app, and a shared link tagged by hand.
    ['https://wa.me/', 'WHATSAPP'],
    ['https://api.whatsapp.com/send?text=hello', 'WHATSAPP'],
    ['https://web.whatsapp.com/', 'WHATSAPP'],
    ['android-app://com.whatsapp/', 'WHATSAPP'],
    // Instagram's in-app browser goes through l.instagram.com.
    ['https://l.instagram.com/', 'INSTAGRAM'],
    ['https://www.instagram.com/', 'INSTAGRAM'],
    ['android-app://com.instagram.android/', 'INSTAGRAM'],
    ['https://m.facebook.com/', 'FACEBOOK'],
    ['https://l.facebook.com/', 'FACEBOOK'],
    ['https://lm.facebook.com/', 'FACEBOOK'],
    ['https://www.facebook.com/', 'FACEBOOK'],
    ['https://fb.me/abc', 'FACEBOOK'],
    ['android-app://com.facebook.katana/', 'FACEBOOK'],
    ['https://www.tiktok.com/', 'TIKTOK'],
    ['https://vm.tiktok.com/ZSabc/', 'TIKTOK'],
    ['https://t.co/AbCdEf', 'X'],
    ['https://x.com/', 'X'],
    ['https://mobile.twitter.com/', 'X'],
    ['https://www.google.com/', 'GOOGLE'],
    ['https://www.google.co.id/', 'GOOGLE'],
    ['https://google.co.id/search?q=kain', 'GOOGLE'],
    ['https://www.google.com.au/', 'GOOGLE'],
    ['https://www.google.de/', 'GOOGLE'],
    ['android-app://com.google.android.googlequicksearchbox/', 'GOOGLE'],
    ['https://www.bing.com/', 'OTHER_SEARCH'],
    ['https://duckduckgo.com/', 'OTHER_SEARCH'],
    ['https://id.search.yahoo.com/', 'OTHER_SEARCH'],
    ['https://etalase.example.id/cari?q=kain', 'INTERNAL'],
    ['https://www.etalase.example.id/', 'INTERNAL'],
    ['http://etalase.example.id:8080/en', 'INTERNAL'],
    ['https://www.detik.com/', 'OTHER'],
    // Look-alikes are not the real thing.
    ['https://notgoogle.com/', 'OTHER'],
    ['https://google.evil.example/', 'OTHER'],
    ['https://facebook.com.evil.example/', 'OTHER'],
    ['https://mywa.me/', 'OTHER'],
    ['not a url', 'OTHER'],
  ])('Referer %s is %s', (referer, source) => {
    expect(at(referer)).toEqual({ source, campaign: '' });
  });

  it('counts an arrival without a Referer as DIRECT, and an empty one too', () => {
    expect(at(undefined).source).toBe('DIRECT');
    expect(at('   ').source).toBe('DIRECT');
  });

  it('reads utm_source when there is no Referer (WhatsApp sends none)', () => {
    expect(at(undefined, '/produk/kain?utm_source=whatsapp&utm_medium=social').source).toBe('WHATSAPP');
    expect(at(undefined, '/produk/kain?utm_source=WhatsApp').source).toBe('WHATSAPP');
    expect(at(undefined, '/?utm_source=ig').source).toBe('INSTAGRAM');
    expect(at(undefined, '/?utm_source=newsletter').source).toBe('DIRECT');
    // A known Referer wins over a tag; an unknown one does not.
    expect(at('https://l.facebook.com/', '/?utm_source=whatsapp').source).toBe('FACEBOOK');
    expect(at('https://blog.example/', '/?utm_source=whatsapp').source).toBe('WHATSAPP');
  });

  it('attributes a landing URL with a campaign code to the campaign, whatever the Referer', () => {
    expect(at(undefined, '/produk/kain?k=ramadan-2027')).toEqual({ source: 'CAMPAIGN', campaign: 'ramadan-2027' });
    expect(at('https://l.instagram.com/', '/cerita/x?k=Bazar_Kalsel')).toEqual({ source: 'CAMPAIGN', campaign: 'bazar_kalsel' });
    expect(at('https://etalase.example.id/', '/?k=hut-ri')).toEqual({ source: 'CAMPAIGN', campaign: 'hut-ri' });
  });

  it('ignores a campaign parameter that is not a code (never stores free text)', () => {
    expect(at(undefined, '/?k=')).toEqual({ source: 'DIRECT', campaign: '' });
    expect(at(undefined, `/?k=${'a'.repeat(41)}`)).toEqual({ source: 'DIRECT', campaign: '' });
    expect(at(undefined, '/?k=%3Cscript%3E')).toEqual({ source: 'DIRECT', campaign: '' });
    expect(at(undefined, '/?k=budi@example.com')).toEqual({ source: 'DIRECT', campaign: '' });
  });

  it('survives a landing URL that is hard to read', () => {
    expect(at(undefined, '/produk/%E0%A4%A?x=%ZZ').source).toBe('DIRECT');
    expect(at(undefined, '//host:99999/produk/x?k=abc')).toEqual({ source: 'DIRECT', campaign: '' });
  });
});

describe('hostOf', () => {
  it('is the lower-case host without www. and port', () => {
    expect(hostOf('https://WWW.Etalase.example.id:8443/')).toBe('etalase.example.id');
  });
});
