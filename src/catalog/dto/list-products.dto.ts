import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidationArguments } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { SLUG_PATTERN } from '../../common/text/slug.js';
import { Trim } from '../../common/validation/trim.js';
import { PRODUCT_KINDS, PROGRAMS, ProductKind, Program } from '../catalog.types.js';

export const PRODUCT_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'popular'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** The largest value an `integer` column holds. */
const MAX_INTEGER = 2_147_483_647;

/** Query strings are text: only plain digits become a number, so `''`, `1e3` or `0x10` are refused, not read as 0, 1000, 16. */
const ToInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,12}$/.test(value) ? Number(value) : value));

const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** `maxPrice` below `minPrice` can only be a mistake; say so instead of answering an empty list. */
const NotBelow = (property: string): PropertyDecorator =>
  ValidateBy({
    name: 'notBelow',
    constraints: [property],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[property];
        return typeof value !== 'number' || typeof other !== 'number' || value >= other;
      },
      defaultMessage: () => `must not be below ${property}`,
    },
  });

/** Relevance ranks against a search text; without one there is nothing to rank by. */
const NeedsSearchText = (): PropertyDecorator =>
  ValidateBy({
    name: 'needsSearchText',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => value !== 'relevance' || typeof (args?.object as { q?: unknown } | undefined)?.q === 'string',
      defaultMessage: () => 'relevance needs a search text (q)',
    },
  });

export class ListProductsDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Search text: whole words in name, category, facility or description (websearch syntax: "quoted phrase", OR, -word). ' +
      'When the words match no product on sale, products whose name, category or facility has them with a typo are listed instead.',
    example: 'sasirangan',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Facility slug', example: 'lapas-banjarmasin' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a facility slug' })
  @MaxLength(120)
  facility?: string;

  @ApiPropertyOptional({ description: 'Province code (63), ISO code (ID-KS) or Kanwil code (kalsel)', example: '63' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  region?: string;

  @ApiPropertyOptional({ description: 'Category slug; a parent category includes its subcategories', example: 'fesyen-batik' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a category slug' })
  @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ enum: PROGRAMS })
  @IsOptional()
  @IsIn(PROGRAMS)
  program?: Program;

  @ApiPropertyOptional({ enum: PRODUCT_KINDS })
  @IsOptional()
  @IsIn(PRODUCT_KINDS)
  kind?: ProductKind;

  @ApiPropertyOptional({ description: 'Integer rupiah, inclusive', minimum: 0 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_INTEGER)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Integer rupiah, inclusive; not below minPrice', minimum: 0 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_INTEGER)
  @NotBelow('minPrice')
  maxPrice?: number;

  @ApiPropertyOptional({ description: 'true: only products in stock; false: only sold-out ones' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  inStock?: boolean;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, description: 'Default: relevance with q, newest without' })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  @NeedsSearchText()
  sort?: ProductSort;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Partner mirroring (an X-Api-Key with catalog:read, or an admin access token): every product changed at or after this time, ' +
      'oldest change first, deleted and no longer public ones as tombstones `{ id, deleted: true, updatedAt }`. Not combinable with the ' +
      'other filters. A change becomes visible when its transaction commits, so ask again from a little before the last updatedAt you saw.',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:?\d{2}))?$/, { message: 'must be a date, or a date-time with a time zone (Z or +07:00)' })
  updatedSince?: string;
}
