import request from 'supertest';
import type { App } from 'supertest/types';

export interface IssuedKey {
  partnerId: string;
  keyId: string;
  key: string;
}

/** A partner and one key through the admin API (as a superadmin would), returning the secret. */
export async function issuePartnerKey(
  http: App,
  superadminBearer: string,
  options: { name?: string; scopes?: string[]; rateLimitPerMinute?: number; expiresAt?: string } = {},
): Promise<IssuedKey> {
  const partner = await request(http)
    .post('/api/v1/admin/partners')
    .set('Authorization', superadminBearer)
    .send({ name: options.name ?? `Mitra ${Math.random().toString(36).slice(2, 8)}`, contactEmail: 'dev@mitra.example', ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}) })
    .expect(201);
  const partnerId = (partner.body as { id: string }).id;
  const key = await request(http)
    .post(`/api/v1/admin/partners/${partnerId}/api-keys`)
    .set('Authorization', superadminBearer)
    .send({ scopes: options.scopes ?? ['catalog:read', 'orders:write', 'orders:read'], ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}) })
    .expect(201);
  const body = key.body as { id: string; key: string };
  return { partnerId, keyId: body.id, key: body.key };
}
