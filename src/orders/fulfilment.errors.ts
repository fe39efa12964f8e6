import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import type { OrderStatus } from './order.types.js';

/** Also what an admin gets for a fulfilment outside their scope. */
export class FulfilmentNotFound extends NotFoundError {
  constructor() {
    super('Fulfilment');
  }
}

export class OrderNotPaidYet extends DomainError {
  constructor(number: string, status: OrderStatus) {
    super('INVALID_STATE', `Order ${number} is ${status}: only a paid order is shipped or handed over`);
  }
}

export class PickupNotShipped extends DomainError {
  constructor() {
    super('INVALID_STATE', 'A pickup fulfilment is not shipped: record the handover with POST /admin/fulfilments/{id}/deliver');
  }
}

export class NotShippedYet extends DomainError {
  constructor() {
    super('INVALID_STATE', 'A shipped fulfilment is delivered only after it was shipped: ship it first');
  }
}

export class CourierNotOffered extends ValidationError {
  constructor(courier: string, facilityName: string, offered: readonly string[]) {
    super('courier', `${courier} is not offered by ${facilityName}; it offers ${offered.length ? offered.join(', ') : 'no courier'}`);
  }
}
