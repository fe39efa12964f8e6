import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../common/errors/domain-error.js';

export const PARTNER_SCOPES = ['catalog:read', 'orders:write', 'orders:read'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** A partner storefront identified by its `X-Api-Key`, as the key middleware leaves it on the request. */
export interface PartnerCaller {
  partnerId: string;
  keyId: string;
  scopes: readonly PartnerScope[];
  /** Requests per minute this key may make (the partner's quota). */
  rateLimitPerMinute: number;
}

export interface PartnerRequest extends Request {
  partner?: PartnerCaller;
}

/** The partner behind the request's `X-Api-Key`, or undefined for everyone else. */
export const CurrentPartner = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PartnerCaller | undefined => context.switchToHttp().getRequest<PartnerRequest>().partner,
);

export class InsufficientScope extends DomainError {
  constructor(scope: PartnerScope) {
    super('INSUFFICIENT_SCOPE', `This API key lacks the scope ${scope}; ask Etalase for a key that has it`);
  }
}

export function assertScope(partner: PartnerCaller, scope: PartnerScope): void {
  if (!partner.scopes.includes(scope)) throw new InsufficientScope(scope);
}
