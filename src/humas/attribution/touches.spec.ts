import { addTouch, attributionAt, readTouches } from './touches';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2027, 3, 1, 5);

describe('campaign touches', () => {
  it('keep the first touch and move the last one', () => {
    const one = addTouch(undefined, 'aaaaaaa', T0, 30);
    expect(one).toEqual({ first: { code: 'aaaaaaa', at: T0 }, last: { code: 'aaaaaaa', at: T0 } });
    const two = addTouch(one, 'bbbbbbb', T0 + 3 * DAY, 30);
    expect(two).toEqual({ first: { code: 'aaaaaaa', at: T0 }, last: { code: 'bbbbbbb', at: T0 + 3 * DAY } });
  });

  it('start again when the first touch has left the window', () => {
    const one = addTouch(undefined, 'aaaaaaa', T0, 30);
    const late = addTouch(one, 'bbbbbbb', T0 + 31 * DAY, 30);
    expect(late.first).toEqual({ code: 'bbbbbbb', at: T0 + 31 * DAY });
  });

  it('attribute an order only to touches within the window', () => {
    const touches = addTouch(addTouch(undefined, 'aaaaaaa', T0, 30), 'bbbbbbb', T0 + 20 * DAY, 30);
    expect(attributionAt(touches, T0 + 25 * DAY, 30)).toEqual({ firstTouchCode: 'aaaaaaa', firstTouchAt: new Date(T0), lastTouchCode: 'bbbbbbb', lastTouchAt: new Date(T0 + 20 * DAY) });
    expect(attributionAt(touches, T0 + 31 * DAY, 30)).toEqual({ firstTouchCode: null, firstTouchAt: null, lastTouchCode: 'bbbbbbb', lastTouchAt: new Date(T0 + 20 * DAY) });
    expect(attributionAt(touches, T0 + 51 * DAY, 30)).toEqual({ firstTouchCode: null, firstTouchAt: null, lastTouchCode: null, lastTouchAt: null });
    expect(attributionAt(undefined, T0, 30).lastTouchCode).toBeNull();
  });

  it('read nothing from a malformed value', () => {
    expect(readTouches({ first: { code: 'a', at: 'x' }, last: { code: 'a', at: 1 } })).toBeUndefined();
    expect(readTouches('x')).toBeUndefined();
    expect(readTouches({ first: { code: 'a', at: 1 }, last: { code: 'b', at: 2 } })).toEqual({ first: { code: 'a', at: 1 }, last: { code: 'b', at: 2 } });
  });
});
