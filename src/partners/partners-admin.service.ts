import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { newApiKey } from './api-key-secret.js';
import { ApiKey } from './api-key.entity.js';
import type { CreateApiKeyDto, CreatePartnerDto, RotateApiKeyDto, UpdatePartnerDto } from './dto/partner.dto.js';
import { Partner } from './partner.entity.js';
import { ApiKeyNotFound, PartnerNotFound } from './partner.errors.js';
import { ApiKeyView, CreatedApiKeyView, PartnerView, toApiKeyView, toPartnerView } from './partner.views.js';

const HOUR_MS = 3_600_000;

/** Partners and their API keys; superadmin only (the controller says so), every write audited. */
@Injectable()
export class PartnersAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<{ data: PartnerView[]; nextCursor: null }> {
    const partners = await this.dataSource.getRepository(Partner).find({ order: { name: 'ASC' } });
    return { data: partners.map(toPartnerView), nextCursor: null };
  }

  async get(id: string): Promise<PartnerView> {
    return toPartnerView(await this.partner(this.dataSource.manager, id));
  }

  async create(user: AuthUser, dto: CreatePartnerDto): Promise<PartnerView> {
    return this.dataSource.transaction(async (em) => {
      const partner = await em.save(em.create(Partner, { name: dto.name, contactEmail: dto.contactEmail, rateLimitPerMinute: dto.rateLimitPerMinute ?? 1200, active: true }));
      await this.record(em, user, 'partner.create', partner.id, null, toPartnerView(partner));
      return toPartnerView(partner);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdatePartnerDto): Promise<PartnerView> {
    return this.dataSource.transaction(async (em) => {
      const partner = await this.partner(em, id, true);
      const before = toPartnerView(partner);
      Object.assign(partner, dto);
      await em.save(partner);
      await this.record(em, user, 'partner.update', partner.id, before, toPartnerView(partner));
      return toPartnerView(partner);
    });
  }

  async listKeys(partnerId: string): Promise<{ data: ApiKeyView[]; nextCursor: null }> {
    await this.partner(this.dataSource.manager, partnerId);
    const keys = await this.dataSource.getRepository(ApiKey).find({ where: { partnerId }, order: { createdAt: 'DESC', id: 'DESC' } });
    return { data: keys.map((key) => toApiKeyView(key)), nextCursor: null };
  }

  async createKey(user: AuthUser, partnerId: string, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    if (dto.expiresAt && dto.expiresAt.getTime() <= Date.now()) throw new ValidationError('expiresAt', 'must be in the future');
    return this.dataSource.transaction(async (em) => {
      await this.partner(em, partnerId);
      return this.issue(em, user, partnerId, { scopes: dto.scopes, expiresAt: dto.expiresAt ?? null, label: dto.label ?? '' });
    });
  }

  /** Stops the key at once (the next request with it gets 401 API_KEY_REVOKED). */
  async revokeKey(user: AuthUser, partnerId: string, keyId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const key = await this.key(em, partnerId, keyId);
      if (key.revokedAt) return;
      key.revokedAt = new Date();
      await em.save(key);
      await this.record(em, user, 'apiKey.revoke', key.id, { revokedAt: null }, { revokedAt: key.revokedAt.toISOString(), partnerId });
    });
  }

  /**
   * A new key with the same scopes; the old one keeps working for `graceHours` (default 24) so the
   * partner can deploy the new one without an outage, then expires.
   */
  async rotateKey(user: AuthUser, partnerId: string, keyId: string, dto: RotateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.dataSource.transaction(async (em) => {
      const old = await this.key(em, partnerId, keyId);
      if (old.revokedAt || (old.expiresAt && old.expiresAt <= new Date())) throw new ValidationError('keyId', 'names a key that no longer works; create a new key instead');
      const created = await this.issue(em, user, partnerId, { scopes: old.scopes, expiresAt: old.expiresAt, label: old.label });
      const graceEnds = new Date(Date.now() + (dto.graceHours ?? 24) * HOUR_MS);
      old.expiresAt = old.expiresAt && old.expiresAt < graceEnds ? old.expiresAt : graceEnds;
      old.replacedById = created.id;
      await em.save(old);
      await this.record(em, user, 'apiKey.rotate', old.id, null, { replacedById: created.id, expiresAt: old.expiresAt.toISOString(), partnerId });
      return created;
    });
  }

  private async issue(em: EntityManager, user: AuthUser, partnerId: string, fields: Pick<ApiKey, 'scopes' | 'expiresAt' | 'label'>): Promise<CreatedApiKeyView> {
    const made = newApiKey();
    const key = await em.save(
      em.create(ApiKey, { partnerId, prefix: made.prefix, secretHash: made.secretHash, ...fields, lastUsedAt: null, revokedAt: null, replacedById: null, createdById: user.id }),
    );
    await this.record(em, user, 'apiKey.create', key.id, null, { partnerId, prefix: key.prefix, scopes: key.scopes, expiresAt: key.expiresAt?.toISOString() ?? null });
    return { ...toApiKeyView(key), key: made.key };
  }

  private async partner(em: EntityManager, id: string, lock = false): Promise<Partner> {
    const partner = await em.findOne(Partner, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!partner) throw new PartnerNotFound();
    return partner;
  }

  private async key(em: EntityManager, partnerId: string, keyId: string): Promise<ApiKey> {
    const key = await em.findOne(ApiKey, { where: { id: keyId, partnerId }, lock: { mode: 'pessimistic_write' } });
    if (!key) throw new ApiKeyNotFound();
    return key;
  }

  private async record(em: EntityManager, user: AuthUser, action: string, entityId: string, before: object | null, after: object | null): Promise<void> {
    await this.audit.record(em, user, {
      action,
      entityType: action.startsWith('apiKey') ? 'api_key' : 'partner',
      entityId,
      before: before as Record<string, unknown> | null,
      after: after as Record<string, unknown> | null,
    });
  }
}
