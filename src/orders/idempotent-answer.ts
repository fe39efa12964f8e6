import type { CreatedOrderView } from './order.views.js';

/**
 * The answer as kept for replays: its JSON with the access token blanked in place. Keeping the
 * key where it was keeps the key order, so the replay serialises to the first answer's bytes.
 */
export function answerToKeep(answer: CreatedOrderView): string {
  return JSON.stringify({ ...answer, accessToken: '' });
}

/** The kept answer with its access token back, derived again from the order number. */
export function keptAnswer(kept: string, accessTokenFor: (orderNumber: string) => string): CreatedOrderView {
  // Our own JSON, authenticated by the seal it was stored under: its shape is the one we wrote.
  const answer = JSON.parse(kept) as CreatedOrderView;
  answer.accessToken = accessTokenFor(answer.number);
  return answer;
}
