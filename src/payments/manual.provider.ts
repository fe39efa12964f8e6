import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { CreatedPayment, PaymentInstructions, PaymentProvider, PaymentRequest, RefundRequest } from './payment-provider.js';

/**
 * Bank transfer confirmed by an admin: the keyless default, so the demo runs without a card
 * provider. The order number is the transfer reference; nothing is held anywhere, so cancelling
 * and refunding (done by hand) are no-ops here.
 */
@Injectable()
export class ManualPaymentProvider implements PaymentProvider {
  readonly name = 'manual' as const;

  constructor(private readonly config: AppConfig) {}

  async createPayment(request: PaymentRequest): Promise<CreatedPayment> {
    return { provider: this.name, reference: request.orderNumber, instructions: this.instructions(request) };
  }

  instructions(request: PaymentRequest): PaymentInstructions {
    const { bankName, accountNumber, accountName } = this.config.manualPayment;
    return {
      method: 'BANK_TRANSFER',
      bankName,
      accountNumber,
      accountName,
      amount: request.amount,
      reference: request.orderNumber,
      note: `Transfer exactly Rp${request.amount.toLocaleString('id-ID')} and write ${request.orderNumber} as the transfer reference; an admin confirms the payment.`,
    };
  }

  async cancelPayment(_reference: string | null): Promise<void> {}

  async refund(_request: RefundRequest): Promise<{ refundId: string | null }> {
    return { refundId: null };
  }
}
