import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/cursor.js';
import { newestFirstPage } from '../../common/pagination/newest-first.js';
import type { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { webPath } from '../../common/web/web-paths.js';
import { AppConfig } from '../../config/app-config.js';
import { OWNED_IN_SCOPE_SQL } from '../campaigns/campaign-scope.js';
import type { Campaign } from '../campaigns/campaign.entity.js';
import type { LinkTarget, ShareChannel } from '../campaigns/campaign.types.js';
import type { ShareLinkView } from '../campaigns/campaign.views.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { CreateLinkDto } from './dto/create-link.dto.js';
import { newLinkCode, normaliseLinkCode } from './link-code.js';
import { RESOLVE_LINK_SQL } from './link.queries.js';
import { ShareLink } from './share-link.entity.js';

/** For the showcase's share kit, which may import this service but not the campaign types. */
export { SHARE_CHANNELS, type ShareChannel } from '../campaigns/campaign.types.js';

export class ShareLinkNotFound extends NotFoundError {
  constructor() {
    super('Share link');
  }
}

/** Where a code leads, as the redirect needs it. */
export interface ResolvedLink {
  linkId: string;
  /** The code as stored (lower case). */
  code: string;
  /** Absolute URL of the page, with `?k={code}`. */
  location: string;
}

const RESOLVE_CACHE_MS = 60_000;
const RESOLVE_CACHE_MAX = 10_000;
const CODE_ATTEMPTS = 5;
const PAGE_KIND: Record<Exclude<LinkTarget, 'HOME'>, 'product' | 'story' | 'facility'> = { PRODUCT: 'product', STORY: 'story', FACILITY: 'facility' };

/**
 * Tracked share links of a campaign: one per channel and page, each with a short code. Admin
 * reads go through the campaign's scope; the public redirect resolves a code (cached for a
 * minute, so a burst of clicks reads the database once).
 */
@Injectable()
export class ShareLinksService {
  private readonly resolved = new Map<string, ResolvedLink & { until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly config: AppConfig,
  ) {}

  async create(user: AuthUser, campaignId: string, dto: CreateLinkDto): Promise<ShareLinkView> {
    return this.dataSource.transaction(async (em) => {
      const campaign = await this.campaigns.findInScope(em, user, campaignId);
      const targetId = await this.checkedTarget(em, campaign, dto);
      return this.view(await this.insert(em, campaign.id, dto.channel, dto.targetKind, targetId));
    });
  }

  /**
   * The campaign's link for this channel and product or story: the oldest such link if there is
   * one, else a new one (same checks as create: campaign in scope, else 404; target in its scope,
   * else 400). Serialised per campaign, channel and target, so two calls at once make one link.
   */
  async forTarget(user: AuthUser, campaignId: string, channel: ShareChannel, targetKind: 'PRODUCT' | 'STORY', targetId: string): Promise<ShareLinkView> {
    return this.dataSource.transaction(async (em) => {
      const campaign = await this.campaigns.findInScope(em, user, campaignId);
      await this.checkedTarget(em, campaign, { channel, targetKind, targetId });
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`etalase:share-link:${campaign.id}:${channel}:${targetId}`]);
      const existing = await em
        .getRepository(ShareLink)
        .findOne({ where: { campaignId: campaign.id, channel, targetKind, targetId }, order: { createdAt: 'ASC', id: 'ASC' } });
      return this.view(existing ?? (await this.insert(em, campaign.id, channel, targetKind, targetId)));
    });
  }

  private async insert(em: EntityManager, campaignId: string, channel: ShareChannel, targetKind: LinkTarget, targetId: string | null): Promise<ShareLink> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
      const code = newLinkCode();
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO share_link (campaign_id, channel, code, target_kind, target_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING RETURNING id`,
        [campaignId, channel, code, targetKind, targetId],
      );
      if (row) return em.getRepository(ShareLink).findOneByOrFail({ id: row.id });
    }
    throw new Error(`No free share-link code in ${CODE_ATTEMPTS} draws`);
  }

  async list(user: AuthUser, campaignId: string, query: PageQueryDto): Promise<Page<ShareLinkView>> {
    const campaign = await this.campaigns.findInScope(this.dataSource.manager, user, campaignId);
    const qb = this.dataSource.getRepository(ShareLink).createQueryBuilder('l').where('l.campaign_id = :campaignId', { campaignId: campaign.id });
    const page = await newestFirstPage(qb, query);
    return { data: page.data.map((link) => this.view(link)), nextCursor: page.nextCursor };
  }

  /** The link if its campaign is in the admin's scope; otherwise ShareLinkNotFound (404). */
  async findInScope(user: AuthUser, id: string): Promise<ShareLink> {
    const link = await this.dataSource.getRepository(ShareLink).findOneBy({ id });
    if (!link) throw new ShareLinkNotFound();
    await this.campaigns.findInScope(this.dataSource.manager, user, link.campaignId).catch(() => {
      throw new ShareLinkNotFound();
    });
    return link;
  }

  shortUrl(code: string): string {
    return `${this.config.webBaseUrl}/s/${code}`;
  }

  view(link: ShareLink): ShareLinkView {
    return {
      id: link.id,
      campaignId: link.campaignId,
      channel: link.channel,
      code: link.code,
      targetKind: link.targetKind,
      targetId: link.targetId,
      shortUrl: this.shortUrl(link.code),
      createdAt: link.createdAt.toISOString(),
    };
  }

  /** The link a code names and the page it opens; undefined for a code that is no link. */
  async resolve(value: unknown): Promise<ResolvedLink | undefined> {
    const code = normaliseLinkCode(value);
    if (!code) return undefined;
    const now = Date.now();
    const cached = this.resolved.get(code);
    if (cached && cached.until > now) return cached;
    const [row] = await this.dataSource.query<{ id: string; target_kind: LinkTarget; slug: string | null }[]>(RESOLVE_LINK_SQL, [code]);
    if (!row) return undefined;
    // A target deleted since the link was made: the home page, with the campaign still attached.
    const path = row.target_kind === 'HOME' || row.slug === null ? webPath('id', 'home') : webPath('id', PAGE_KIND[row.target_kind], row.slug);
    const link = { linkId: row.id, code, location: `${this.config.webBaseUrl}${path}?k=${code}` };
    if (this.resolved.size >= RESOLVE_CACHE_MAX) this.resolved.clear();
    this.resolved.set(code, { ...link, until: now + RESOLVE_CACHE_MS });
    return link;
  }

  private async checkedTarget(em: EntityManager, campaign: Campaign, dto: CreateLinkDto): Promise<string | null> {
    if (dto.targetKind === 'HOME') {
      if (dto.targetId !== undefined) throw new ValidationError('targetId', 'must be left out for the home page');
      return null;
    }
    if (dto.targetId === undefined) throw new ValidationError('targetId', `is required for a ${dto.targetKind} link`);
    const rows = await em.query<{ id: string }[]>(OWNED_IN_SCOPE_SQL[dto.targetKind], [[dto.targetId], campaign.facilityId, campaign.kanwilId]);
    if (rows.length === 0) throw new ValidationError('targetId', `is not a ${dto.targetKind.toLowerCase()} of this campaign's scope`);
    return dto.targetId;
  }
}
