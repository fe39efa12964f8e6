import { HttpStatus } from '@nestjs/common';

/**
 * Stable, machine-readable error codes (API.md). Adding a code without mapping it to an HTTP
 * status does not compile.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  API_KEY_INVALID: HttpStatus.UNAUTHORIZED,
  API_KEY_REVOKED: HttpStatus.UNAUTHORIZED,
  API_KEY_EXPIRED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  INSUFFICIENT_SCOPE: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  GONE: HttpStatus.GONE,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  NOT_ACCEPTABLE: HttpStatus.NOT_ACCEPTABLE,
  REQUEST_TIMEOUT: HttpStatus.REQUEST_TIMEOUT,
  CONFLICT: HttpStatus.CONFLICT,
  OUT_OF_STOCK: HttpStatus.CONFLICT,
  INVALID_STATE: HttpStatus.CONFLICT,
  FOOD_PERMIT_REQUIRED: HttpStatus.CONFLICT,
  INDIVIDUAL_CREDIT_NOT_ALLOWED: HttpStatus.CONFLICT,
  CONSENT_REQUIRED: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  PAYMENT_PROVIDER_ERROR: HttpStatus.BAD_GATEWAY,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
  QUANTITY_LIMIT_EXCEEDED: HttpStatus.UNPROCESSABLE_ENTITY,
  TOO_MANY_UNPAID_ORDERS: HttpStatus.CONFLICT,
  OUTSIDE_DELIVERY_ZONE: HttpStatus.UNPROCESSABLE_ENTITY,
} as const satisfies Record<string, HttpStatus>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Your request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  API_KEY_INVALID: 'API key not recognised',
  API_KEY_REVOKED: 'API key revoked',
  API_KEY_EXPIRED: 'API key expired',
  FORBIDDEN: 'You may not do this',
  INSUFFICIENT_SCOPE: 'API key lacks a scope',
  NOT_FOUND: 'Not found',
  GONE: 'Gone for good',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  NOT_ACCEPTABLE: 'Not acceptable',
  REQUEST_TIMEOUT: 'The request took too long to arrive',
  CONFLICT: 'Conflict with the current state',
  OUT_OF_STOCK: 'Out of stock',
  INVALID_STATE: 'Not possible in the current state',
  FOOD_PERMIT_REQUIRED: 'Food needs a valid permit',
  INDIVIDUAL_CREDIT_NOT_ALLOWED: 'Individual maker credit not allowed',
  CONSENT_REQUIRED: 'Recorded consent required',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused with a different request',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  PAYMENT_PROVIDER_ERROR: 'Payment provider error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  INTERNAL: 'Internal error',
  QUANTITY_LIMIT_EXCEEDED: 'Quantity above the per-order limit',
  TOO_MANY_UNPAID_ORDERS: 'Too many unpaid orders open',
  OUTSIDE_DELIVERY_ZONE: 'Not delivered to that address',
};

/** Codes that answer a given status when the error did not come with a code of its own. */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (match) return match[0];
  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}
