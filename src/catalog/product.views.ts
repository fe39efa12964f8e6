import { ApiProperty } from '@nestjs/swagger';
import { FACILITY_TYPES, FacilityType } from '../facilities/facility.types.js';
import type { ImageUrls } from '../media/media.types.js';
import { StoryCardView } from '../facilities/story-card.view.js';
import { CERTIFICATE_KINDS, CertificateKind, PRODUCT_KINDS, PRODUCT_STATUSES, PROGRAMS, ProductKind, ProductStatus, Program } from './catalog.types.js';
import type { ProductCertificate } from './product-certificate.entity.js';
import type { ProductImage } from './product-image.entity.js';
import type { Product } from './product.entity.js';
import { permitAllowsSale } from './sellability.js';
import { maxPerOrder } from './product.rules.js';
import { webPath, webUrl } from '../common/web/web-paths.js';
import { isoTimestamp } from '../common/text/iso-timestamp.js';

export class ProductCategoryView {
  @ApiProperty({ example: 'sasirangan' }) slug!: string;
  @ApiProperty({ example: 'Sasirangan' }) name!: string;
}

export class ProductFacilityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lapas-banjarmasin' }) slug!: string;
  @ApiProperty({ example: 'Lapas Kelas IIA Banjarmasin' }) name!: string;
  @ApiProperty({ enum: FACILITY_TYPES }) type!: FacilityType;
  @ApiProperty({ example: '63', description: 'Province code' }) region!: string;
  @ApiProperty({ example: 'Kalimantan Selatan' }) regionName!: string;
  @ApiProperty({ example: 'kalsel' }) kanwilCode!: string;
}

export class ProductImageView implements ImageUrls {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() alt!: string;
  @ApiProperty({ description: '200 px WebP' }) thumbUrl!: string;
  @ApiProperty({ description: '600 px WebP' }) mediumUrl!: string;
  @ApiProperty({ description: '1200 px WebP' }) largeUrl!: string;
  @ApiProperty({ description: 'Of the large variant' }) width!: number;
  @ApiProperty() height!: number;
  @ApiProperty() position!: number;
}

export class MakerView {
  @ApiProperty({ example: 'Bengkel kerja Lapas Banjarmasin', description: 'Group by default; initials or a pseudonym only with recorded consent' })
  credit!: string;
  @ApiProperty({ enum: ['GROUP', 'INDIVIDUAL'] }) type!: 'GROUP' | 'INDIVIDUAL';
}

export class CertificationView {
  @ApiProperty({ enum: CERTIFICATE_KINDS }) kind!: CertificateKind;
  @ApiProperty({ example: 'P-IRT 2066371010123-28' }) number!: string;
  @ApiProperty({ example: 'Dinas Kesehatan Kabupaten Kotabaru' }) issuer!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
}

export class ProductView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'kain-sasirangan-motif-gigi-haruan' }) slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Markdown' }) description!: string;
  @ApiProperty({ description: 'Integer rupiah' }) price!: number;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty() stock!: number;
  @ApiProperty() inStock!: boolean;
  @ApiProperty({ enum: PRODUCT_KINDS }) kind!: ProductKind;
  @ApiProperty({ enum: PROGRAMS }) program!: Program;
  @ApiProperty({ type: ProductCategoryView }) category!: ProductCategoryView;
  @ApiProperty({ type: ProductFacilityView }) facility!: ProductFacilityView;
  @ApiProperty({ type: [ProductImageView] }) images!: ProductImageView[];
  @ApiProperty({ type: MakerView }) maker!: MakerView;
  @ApiProperty({ type: [CertificationView] }) certifications!: CertificationView[];
  @ApiProperty() weightGrams!: number;
  @ApiProperty({
    example: 10,
    description: 'Most units one order may take (cap quantity pickers here); a larger order is refused with QUANTITY_LIMIT_EXCEEDED, and wholesale buyers contact the facility',
  })
  maxPerOrder!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    example: 'https://etalase.example.id/produk/kain-sasirangan-motif-gigi-haruan',
    description: "Absolute URL of the product's page on the showcase website (Indonesian; its English page is linked from it). Built on WEB_BASE_URL",
  })
  webUrl!: string;
}

/** The product page: the product plus the published stories told about it, newest first. */
export class ProductDetailView extends ProductView {
  @ApiProperty({ type: [StoryCardView] }) stories!: StoryCardView[];
}

export class ProductAdminView extends ProductView {
  @ApiProperty({ enum: PRODUCT_STATUSES }) status!: ProductStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'Integer rupiah per unit; never shown publicly' }) unitCost!: number | null;
  @ApiProperty({ type: String, nullable: true }) makerGroupName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) makerConsentId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The product's own per-order limit; null: the default (ORDER_MAX_QUANTITY_PER_PRODUCT), shown in maxPerOrder" })
  ownMaxPerOrder!: number | null;
  @ApiProperty({ description: 'False when FOOD lacks a valid permit: hidden from the public' }) sellable!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A product with what its views need loaded. */
export interface LoadedProduct {
  product: Product;
  images: ProductImage[];
  certificates: ProductCertificate[];
}

export type ImageUrlsFor = (contentHash: string) => Readonly<ImageUrls>;

/** The maker credit the public sees: a consented individual name, else the workshop. */
export function makerCredit(product: Product): MakerView {
  const consent = product.makerConsent;
  const group = product.makerGroupName ?? `Bengkel kerja ${product.facility?.shortName ?? ''}`.trim();
  if (consent && consent.withdrawnAt === null && consent.scopes.includes('PRODUCT_CREDIT')) {
    return { credit: `${consent.displayName}, ${group}`, type: 'INDIVIDUAL' };
  }
  return { credit: group, type: 'GROUP' };
}


export function toProductImageView(image: ProductImage, urlsFor: ImageUrlsFor): ProductImageView {
  return { id: image.id, alt: image.alt, ...urlsFor(image.contentHash), width: image.width, height: image.height, position: image.position };
}

/**
 * The images by position. The catalog's SQL already orders them (no copy, no sort on a list page's
 * two dozen products); entities loaded by TypeORM come in any order.
 */
function inPositionOrder(images: readonly ProductImage[]): readonly ProductImage[] {
  for (let i = 1; i < images.length; i += 1) {
    if ((images[i - 1]?.position ?? 0) > (images[i]?.position ?? 0)) return [...images].sort((a, b) => a.position - b.position);
  }
  return images;
}

/**
 * `defaultMaxPerOrder`: ORDER_MAX_QUANTITY_PER_PRODUCT, for products without a limit of their own;
 * `webBaseUrl`: where the showcase website is (WEB_BASE_URL).
 */
export function toProductView({ product, images, certificates }: LoadedProduct, urlsFor: ImageUrlsFor, defaultMaxPerOrder: number, webBaseUrl: string): ProductView {
  const { facility, category } = product;
  if (!facility?.province || !facility.kanwil || !category) throw new Error('toProductView needs facility (with region) and category loaded');
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    price: product.price,
    currency: 'IDR',
    stock: product.stock,
    inStock: product.stock > 0,
    kind: product.kind,
    program: product.program,
    category: { slug: category.slug, name: category.name },
    facility: {
      id: facility.id,
      slug: facility.slug,
      name: facility.name,
      type: facility.type,
      region: facility.provinceCode,
      regionName: facility.province.name,
      kanwilCode: facility.kanwil.code,
    },
    images: inPositionOrder(images).map((image) => toProductImageView(image, urlsFor)),
    maker: makerCredit(product),
    certifications: certificates.map((c) => ({ kind: c.kind, number: c.number, issuer: c.issuer, validUntil: c.validUntil })),
    weightGrams: product.weightGrams,
    maxPerOrder: maxPerOrder(product, defaultMaxPerOrder),
    publishedAt: product.publishedAt ? isoTimestamp(product.publishedAt) : null,
    updatedAt: isoTimestamp(product.updatedAt),
    webUrl: webUrl(webBaseUrl, webPath('id', 'product', product.slug)),
  };
}

export function toProductAdminView(loaded: LoadedProduct, urlsFor: ImageUrlsFor, defaultMaxPerOrder: number, webBaseUrl: string): ProductAdminView {
  const { product } = loaded;
  return {
    ...toProductView(loaded, urlsFor, defaultMaxPerOrder, webBaseUrl),
    status: product.status,
    unitCost: product.unitCost,
    makerGroupName: product.makerGroupName,
    makerConsentId: product.makerConsentId,
    ownMaxPerOrder: product.maxPerOrder,
    sellable: permitAllowsSale(product),
    deletedAt: product.deletedAt?.toISOString() ?? null,
    version: product.version,
    createdAt: product.createdAt.toISOString(),
  };
}
