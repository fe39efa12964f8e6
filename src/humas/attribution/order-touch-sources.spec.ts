import { TOUCH_CHANNELS } from '../../orders/order-touch-sources.registry';
import { SHARE_CHANNELS } from '../campaigns/campaign.types';

describe('order touch sources', () => {
  it('names the same channels in the order view as share links have', () => {
    expect([...TOUCH_CHANNELS]).toEqual([...SHARE_CHANNELS]);
  });
});
