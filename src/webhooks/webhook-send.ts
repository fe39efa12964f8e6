import type { WebhooksConfig } from '../config/app-config.js';
import { postWebhook } from './webhook-http.js';
import { signatureHeader } from './webhook-signature.js';

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface SignedWebhook {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  eventType: string;
  /** Absent for a test event, which is no delivery. */
  deliveryId?: string;
}

/** One signed POST of a webhook body: delivered (2xx), or why not. Never throws. */
export async function sendSignedWebhook(webhook: SignedWebhook, config: WebhooksConfig): Promise<SendOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Etalase-Webhooks/1',
    'etalase-event-id': webhook.eventId,
    'etalase-event-type': webhook.eventType,
    ...(webhook.deliveryId !== undefined && { 'etalase-delivery-id': webhook.deliveryId }),
    'etalase-signature': signatureHeader(webhook.secret, webhook.body, Math.floor(Date.now() / 1000)),
  };
  try {
    const { status } = await postWebhook(webhook.url, webhook.body, headers, config, config.timeoutMs);
    const ok = status >= 200 && status < 300;
    return { ok, status, error: ok ? null : `Answered HTTP ${status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}
