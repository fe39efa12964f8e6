import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe, INPUT_LIMITS, inputShapeErrors, MAX_INPUT_DEPTH } from './validation-pipe';

const MAX_LINES = 50;

class LineDto {
  @IsUUID()
  productId!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class CustomerDto {
  @IsString()
  name!: string;
}

/** The shape of a checkout: a bounded list of nested lines, and a nested object. */
class OrderDto {
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((line: LineDto) => line.productId, { message: 'must not list the same product twice' })
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  items!: LineDto[];

  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;
}

class LoginDto {
  @IsString()
  email!: string;

  @IsString()
  password!: string;
}

const customer = { name: 'Siti Rahmawati' };
const line = (i: number): { productId: string; quantity: number } => ({ productId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, quantity: 1 });
const order = (lines: number): Record<string, unknown> => ({ items: Array.from({ length: lines }, (_, i) => line(i)), customer });
const wide = (fields: number): Record<string, number> => Object.fromEntries(Array.from({ length: fields }, (_, i) => [`k${i}`, i]));

describe('inputShapeErrors', () => {
  it('passes the largest valid order and a login', () => {
    expect(inputShapeErrors(order(MAX_LINES), OrderDto)).toEqual([]);
    expect(inputShapeErrors({ email: 'a@example.test', password: 'x' }, LoginDto)).toEqual([]);
  });

  it("refuses a list longer than its field's @ArrayMaxSize, with that limit, without looking inside", () => {
    const lines = order(25_000);
    (lines.items as unknown[]).push('\u0000');
    expect(inputShapeErrors(lines, OrderDto)).toEqual([{ field: 'items', message: `must contain no more than ${MAX_LINES} elements` }]);
  });

  it('refuses any other list over the general limit', () => {
    const long = Array.from({ length: INPUT_LIMITS.entriesPerList + 1 }, () => 0);
    expect(inputShapeErrors({ customer: { tags: long } }, OrderDto)).toEqual([
      { field: 'customer.tags', message: `must contain no more than ${INPUT_LIMITS.entriesPerList} elements` },
    ]);
    expect(inputShapeErrors({ email: long }, LoginDto)).toEqual([{ field: 'email', message: `must contain no more than ${INPUT_LIMITS.entriesPerList} elements` }]);
  });

  it('refuses an object with more fields than any request takes, at the top and nested, without listing them', () => {
    expect(inputShapeErrors(wide(75_000), LoginDto)).toEqual([
      { field: 'body', message: `has 75000 fields, more than any request takes (${INPUT_LIMITS.fieldsPerObject}); send only the documented ones` },
    ]);
    expect(inputShapeErrors({ ...order(1), customer: wide(INPUT_LIMITS.fieldsPerObject + 1) }, OrderDto)).toEqual([
      { field: 'customer', message: expect.stringMatching(/^has 65 fields/) as string },
    ]);
    expect(inputShapeErrors(wide(1000), undefined, 'query')).toEqual([{ field: 'query', message: expect.stringMatching(/^has 1000 parameters/) as string }]);
  });

  it('leaves up to the field limit to class-validator, which names each unknown field', () => {
    expect(inputShapeErrors(wide(INPUT_LIMITS.fieldsPerObject), LoginDto)).toEqual([]);
  });

  it('stops counting at the value limit', () => {
    // 50 fields of 50 entries: every object and list within its own limit, 2,551 values in all.
    const body = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, Array.from({ length: 50 }, () => 0)]));
    expect(inputShapeErrors(body, LoginDto)).toEqual([{ field: 'body', message: `holds more than ${INPUT_LIMITS.values} values, more than any request takes` }]);
  });

  it('still refuses deep nesting, NUL characters and the keys class-transformer would drop', () => {
    const deep = JSON.parse(`{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`) as unknown;
    expect(inputShapeErrors(deep, LoginDto)).toEqual([{ field: expect.stringMatching(/^email(\.0)+$/) as string, message: `nests deeper than ${MAX_INPUT_DEPTH} levels` }]);
    expect(inputShapeErrors({ email: 'a\u0000' }, LoginDto)).toEqual([{ field: 'email', message: 'contains a NUL character' }]);
    expect(inputShapeErrors(JSON.parse('{"__proto__":{"role":"SUPERADMIN"}}'), LoginDto)).toEqual([{ field: '__proto__', message: 'is not an accepted field' }]);
  });
});

describe('the validation pipe', () => {
  const pipe = createValidationPipe();

  async function refusal(value: unknown, metatype: new () => object): Promise<DomainError> {
    const error = await pipe.transform(value, { type: 'body', metatype }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  }

  it('keeps every error of a bounded body, and names only the first 20 in the detail', async () => {
    const lines = Array.from({ length: MAX_LINES }, () => ({ productId: 'x', quantity: 0 }));
    const error = await refusal({ items: lines, customer }, OrderDto);
    // Two errors per line, and the same product listed twice.
    expect(error.options.errors).toHaveLength(2 * MAX_LINES + 1);
    expect(error.detail.split('; ')).toHaveLength(21);
    expect(error.detail).toMatch(/; and 81 more$/);
  });

  it('turns an empty query into its DTO every time, and still refuses one a DTO needs filled', async () => {
    class PageDto {
      @IsOptional()
      @IsInt()
      limit?: number;

      @IsString()
      sort = 'newest';
    }
    class SearchDto {
      @IsString()
      q!: string;
    }
    for (let i = 0; i < 2; i += 1) {
      const page = await pipe.transform({}, { type: 'query', metatype: PageDto });
      expect(page).toBeInstanceOf(PageDto);
      expect(page).toEqual({ sort: 'newest' });
      const error = await pipe.transform({}, { type: 'query', metatype: SearchDto }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(DomainError);
    }
    await expect(pipe.transform({ limit: 'x' }, { type: 'query', metatype: PageDto })).rejects.toBeInstanceOf(DomainError);
  });

  it('builds a path parameter that passed once as its DTO again, and still refuses every other value', async () => {
    class SlugDto {
      @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      slug!: string;
    }
    class OtherSlugDto {
      @Matches(/^[a-z]+$/)
      slug!: string;
    }
    for (let i = 0; i < 2; i += 1) {
      const params = await pipe.transform({ slug: 'kain-sasirangan-2' }, { type: 'param', metatype: SlugDto });
      expect(params).toBeInstanceOf(SlugDto);
      expect(params).toEqual({ slug: 'kain-sasirangan-2' });
      // What one DTO let through says nothing of another's rules.
      await expect(pipe.transform({ slug: 'kain-sasirangan-2' }, { type: 'param', metatype: OtherSlugDto })).rejects.toBeInstanceOf(DomainError);
      await expect(pipe.transform({ slug: 'Kain_Sasirangan' }, { type: 'param', metatype: SlugDto })).rejects.toBeInstanceOf(DomainError);
      await expect(pipe.transform({ slug: 'kain-sasirangan-2', extra: 'x' }, { type: 'param', metatype: SlugDto })).rejects.toBeInstanceOf(DomainError);
    }
  });

  it('refuses a hostile shape before class-transformer sees it', async () => {
    const error = await refusal(wide(75_000), LoginDto);
    expect(error.options.errors).toEqual([{ field: 'body', message: expect.stringMatching(/^has 75000 fields/) as string }]);
  });
});
