import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { CreateOrderDto } from '../../orders/dto/create-order.dto.js';
import type { CheckoutField, CheckoutForm, CheckoutMessage } from '../pages/cart.page.js';
import { CHECKOUT_FIELDS } from '../pages/cart.page.js';
import type { CartLine } from './cart-cookie.js';

export type FieldErrors = Partial<Record<CheckoutField | 'form', CheckoutMessage>>;

/** The form's fields as posted (text only; anything else is dropped), so a failed post shows them again. */
export function readCheckoutForm(body: Record<string, unknown>): CheckoutForm {
  const form: CheckoutForm = {};
  for (const field of CHECKOUT_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') form[field] = value.slice(0, 500);
  }
  return form;
}

/** The API's order body from the cart and the form: the same DTO, so the same validation rules. */
export function orderBody(lines: readonly CartLine[], form: CheckoutForm): Record<string, unknown> {
  const text = (field: CheckoutField): string => form[field] ?? '';
  const optional = (field: CheckoutField): string | undefined => (text(field).trim() === '' ? undefined : text(field));
  const shipping = form.method === 'SHIPPING';
  return {
    items: lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    customer: { name: text('name'), email: text('email'), phone: text('phone') },
    delivery: shipping
      ? {
          method: 'SHIPPING',
          address: {
            recipient: optional('recipient') ?? text('name'),
            phone: optional('recipientPhone') ?? text('phone'),
            line1: text('line1'),
            line2: optional('line2'),
            city: text('city'),
            province: text('province'),
            postalCode: text('postalCode'),
          },
        }
      : { method: 'PICKUP' },
    note: optional('note'),
  };
}

/** Where each DTO property is typed on the form. */
const FIELD_OF: Record<string, CheckoutField> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  'delivery.method': 'method',
  'delivery.address.recipient': 'recipient',
  'delivery.address.phone': 'recipientPhone',
  'delivery.address.line1': 'line1',
  'delivery.address.line2': 'line2',
  'delivery.address.city': 'city',
  'delivery.address.province': 'province',
  'delivery.address.postalCode': 'postalCode',
  note: 'note',
};

/** Validates the body as POST /orders would (whitelist, forbidNonWhitelisted) and says what is wrong next to each field. */
export async function validateOrderBody(body: Record<string, unknown>): Promise<{ dto: CreateOrderDto; errors: FieldErrors }> {
  const dto = plainToInstance(CreateOrderDto, body);
  const found = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const errors: FieldErrors = {};
  for (const [path, error] of flatten(found, '')) {
    const field = FIELD_OF[path];
    if (field) errors[field] ??= messageFor(field, error);
    else errors.form ??= 'failed';
  }
  return { dto, errors };
}

function flatten(errors: readonly ValidationError[], prefix: string): [string, ValidationError][] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: [string, ValidationError][] = error.constraints ? [[path, error]] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

function messageFor(field: CheckoutField, error: ValidationError): CheckoutMessage {
  if (typeof error.value !== 'string' || error.value.trim() === '') return field === 'line2' || field === 'note' ? 'fieldInvalid' : 'fieldRequired';
  if (field === 'email') return 'emailInvalid';
  if (field === 'phone' || field === 'recipientPhone') return 'phoneInvalid';
  if (field === 'postalCode') return 'postalCodeInvalid';
  return 'fieldInvalid';
}

/** The shopper's words for the checkout's refusals (their details are in English, for API clients). */
export function messageForRefusal(code: string): CheckoutMessage {
  switch (code) {
    case 'OUT_OF_STOCK':
      return 'outOfStock';
    case 'QUANTITY_LIMIT_EXCEEDED':
      return 'tooMany';
    case 'OUTSIDE_DELIVERY_ZONE':
      return 'outsideZone';
    case 'RATE_LIMITED':
    case 'TOO_MANY_UNPAID_ORDERS':
      return 'busy';
    case 'INVALID_STATE':
    case 'FOOD_PERMIT_REQUIRED':
    case 'NOT_FOUND':
      return 'notSellable';
    default:
      return 'failed';
  }
}
