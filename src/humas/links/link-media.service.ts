import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import { CatalogService } from '../../catalog/catalog.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { productCardHtml } from './product-card.js';
import { ShareLinksService } from './share-links.service.js';

export class CardNeedsProduct extends DomainError {
  constructor(what: string) {
    super('INVALID_STATE', what);
  }
}

export interface QrImage {
  contentType: 'image/svg+xml' | 'image/png';
  body: Buffer;
}

/** Medium error correction survives a scuffed poster; a quiet zone of 2 modules is enough on white paper. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
const PNG_WIDTH = 1024;

/** QR codes of share links, and the printable A6 product card that carries one. */
@Injectable()
export class LinkMediaService {
  constructor(
    private readonly links: ShareLinksService,
    private readonly catalog: CatalogService,
    private readonly dataSource: DataSource,
  ) {}

  async qr(user: AuthUser, id: string, format: 'svg' | 'png'): Promise<QrImage> {
    const link = await this.links.findInScope(user, id);
    const url = this.links.shortUrl(link.code);
    if (format === 'png') return { contentType: 'image/png', body: await QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width: PNG_WIDTH }) };
    return { contentType: 'image/svg+xml', body: Buffer.from(await QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' })) };
  }

  /** Only for a link to a product on sale (or sold out): a card of a withdrawn product would sell nothing. */
  async card(user: AuthUser, id: string): Promise<string> {
    const link = await this.links.findInScope(user, id);
    if (link.targetKind !== 'PRODUCT' || !link.targetId) throw new CardNeedsProduct('A product card needs a link to a product');
    const [row] = await this.dataSource.query<{ slug: string }[]>(`SELECT slug FROM product WHERE id = $1`, [link.targetId]);
    const page = row ? await this.catalog.getProductPage(row.slug).catch(() => undefined) : undefined;
    if (!page || page.availability === 'WITHDRAWN') throw new CardNeedsProduct('The product is not on the showcase');
    const url = this.links.shortUrl(link.code);
    const qrSvg = await QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
    return productCardHtml({ product: page.product, qrSvg, shortUrl: url });
  }
}
