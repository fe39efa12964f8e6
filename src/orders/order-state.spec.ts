import { DomainError } from '../common/errors/domain-error';
import { PAYMENT_STATUSES } from '../payments/payment.types';
import {
  assertTransition,
  FULFILMENT_ANNOUNCES,
  FULFILMENT_TRANSITIONS,
  ORDER_ANNOUNCES,
  ORDER_TRANSITIONS,
  PAYMENT_ANNOUNCES,
  PAYMENT_TRANSITIONS,
  statesAllowing,
  TransitionTable,
} from './order-state';
import { FULFILMENT_ACTIONS, FULFILMENT_STATUSES, ORDER_ACTIONS, ORDER_STATUSES, PAYMENT_ACTIONS } from './order.types';

/**
 * The expected answer for every (state, action) pair, written out: `state action -> next`. A
 * pair not listed must be refused, so a change to a table shows up here as a failing pair.
 */
const ORDER_ALLOWED = [
  'PENDING_PAYMENT pay -> PAID',
  'PENDING_PAYMENT cancel -> CANCELLED',
  'PAID complete -> COMPLETED',
  'PAID refund_part -> PARTIALLY_REFUNDED',
  'PAID refund_full -> REFUNDED',
  'COMPLETED refund_part -> PARTIALLY_REFUNDED',
  'COMPLETED refund_full -> REFUNDED',
  'PARTIALLY_REFUNDED refund_part -> PARTIALLY_REFUNDED',
  'PARTIALLY_REFUNDED refund_full -> REFUNDED',
  'PARTIALLY_REFUNDED complete -> COMPLETED',
  'CANCELLED revive -> PAID',
];

const FULFILMENT_ALLOWED = [
  'PENDING start -> PROCESSING',
  'PENDING cancel -> CANCELLED',
  'PROCESSING ship -> SHIPPED',
  'PROCESSING deliver -> DELIVERED',
  'PROCESSING cancel -> CANCELLED',
  'SHIPPED deliver -> DELIVERED',
  'CANCELLED revive -> PROCESSING',
];

const PAYMENT_ALLOWED = [
  'PENDING fail -> FAILED',
  'PENDING succeed -> SUCCEEDED',
  'PENDING cancel -> CANCELED',
  'PENDING return_mismatch -> REFUNDED',
  'FAILED fail -> FAILED',
  'FAILED succeed -> SUCCEEDED',
  'FAILED cancel -> CANCELED',
  'FAILED return_mismatch -> REFUNDED',
  'SUCCEEDED refund_part -> PARTIALLY_REFUNDED',
  'SUCCEEDED refund_full -> REFUNDED',
  'PARTIALLY_REFUNDED refund_part -> PARTIALLY_REFUNDED',
  'PARTIALLY_REFUNDED refund_full -> REFUNDED',
  'CANCELED succeed_late -> SUCCEEDED',
  'CANCELED return_late -> REFUNDED',
  'CANCELED return_mismatch -> REFUNDED',
];

function everyPair<S extends string, A extends string>(states: readonly S[], actions: readonly A[]): [S, A][] {
  return states.flatMap((state) => actions.map((action) => [state, action] as [S, A]));
}

function describeTable<S extends string, A extends Parameters<typeof assertTransition>[3]>(
  name: string,
  table: TransitionTable<S, A>,
  states: readonly S[],
  actions: readonly A[],
  allowed: readonly string[],
): void {
  describe(`${name} transitions`, () => {
    const expected = new Map(allowed.map((line) => {
      const [pair, to] = line.split(' -> ') as [string, string];
      return [pair, to];
    }));

    it.each(everyPair(states, actions))('%s + %s', (state, action) => {
      const to = expected.get(`${state} ${action}`);
      if (to === undefined) expect(() => assertTransition(table, name, state, action)).toThrow(DomainError);
      else expect(assertTransition(table, name, state, action)).toBe(to);
    });

    it('lists no pair that is not in the table', () => {
      const inTable = everyPair(states, actions).filter(([state, action]) => table[state][action] !== undefined).map(([state, action]) => `${state} ${action} -> ${table[state][action]}`);
      expect(inTable.sort()).toEqual([...allowed].sort());
    });
  });
}

describeTable('An order', ORDER_TRANSITIONS, ORDER_STATUSES, ORDER_ACTIONS, ORDER_ALLOWED);
describeTable('A fulfilment', FULFILMENT_TRANSITIONS, FULFILMENT_STATUSES, FULFILMENT_ACTIONS, FULFILMENT_ALLOWED);
describeTable('A payment', PAYMENT_TRANSITIONS, PAYMENT_STATUSES, PAYMENT_ACTIONS, PAYMENT_ALLOWED);

describe('the rules the tables carry', () => {
  it('refuses every repeat that would record a status going to itself, except another refund or another failed attempt', () => {
    const loops = [
      ...everyPair(ORDER_STATUSES, ORDER_ACTIONS).filter(([s, a]) => ORDER_TRANSITIONS[s][a] === s).map(([s, a]) => `order ${s} ${a}`),
      ...everyPair(FULFILMENT_STATUSES, FULFILMENT_ACTIONS).filter(([s, a]) => FULFILMENT_TRANSITIONS[s][a] === s).map(([s, a]) => `fulfilment ${s} ${a}`),
      ...everyPair(PAYMENT_STATUSES, PAYMENT_ACTIONS).filter(([s, a]) => PAYMENT_TRANSITIONS[s][a] === s).map(([s, a]) => `payment ${s} ${a}`),
    ];
    expect(loops.sort()).toEqual(['order PARTIALLY_REFUNDED refund_part', 'payment FAILED fail', 'payment PARTIALLY_REFUNDED refund_part']);
  });

  it('lets nothing out of REFUNDED, DELIVERED or a refunded payment, and only a late payment out of CANCELLED', () => {
    expect(ORDER_TRANSITIONS.REFUNDED).toEqual({});
    expect(FULFILMENT_TRANSITIONS.DELIVERED).toEqual({});
    expect(PAYMENT_TRANSITIONS.REFUNDED).toEqual({});
    expect(Object.keys(ORDER_TRANSITIONS.CANCELLED)).toEqual(['revive']);
  });

  it('cancels only unpaid orders, and with them fulfilments not yet on their way and payments not yet taken', () => {
    expect(statesAllowing(ORDER_TRANSITIONS, 'cancel')).toEqual(['PENDING_PAYMENT']);
    expect(statesAllowing(FULFILMENT_TRANSITIONS, 'cancel')).toEqual(['PENDING', 'PROCESSING']);
    expect(statesAllowing(PAYMENT_TRANSITIONS, 'cancel')).toEqual(['PENDING', 'FAILED']);
  });

  it('names what each action announces to subscribers', () => {
    expect(ORDER_ANNOUNCES).toEqual({
      pay: 'order.paid',
      revive: 'order.paid',
      cancel: 'order.cancelled',
      complete: 'order.completed',
      refund_part: 'order.partially_refunded',
      refund_full: 'order.refunded',
    });
    expect(Object.entries(FULFILMENT_ANNOUNCES).filter(([, type]) => type !== null)).toEqual([
      ['ship', 'fulfilment.shipped'],
      ['deliver', 'fulfilment.delivered'],
    ]);
    expect(Object.entries(PAYMENT_ANNOUNCES).filter(([, type]) => type !== null)).toEqual([
      ['return_late', 'order.late_payment_refunded'],
      ['return_mismatch', 'order.payment_refunded'],
    ]);
  });

  it('says in the problem what was refused', () => {
    expect(() => assertTransition(ORDER_TRANSITIONS, 'An order', 'CANCELLED', 'cancel')).toThrow('An order that is CANCELLED cannot be cancelled');
  });
});
