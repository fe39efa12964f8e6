/**
 * The campaign touches an order is attributed to (issue 17), as the showcase read them from the
 * shopper's own cart cookie: share-link codes and when they were opened. Orders store them and
 * know nothing else of campaigns.
 */
export interface OrderAttribution {
  firstTouchCode: string | null;
  firstTouchAt: Date | null;
  lastTouchCode: string | null;
  lastTouchAt: Date | null;
}
