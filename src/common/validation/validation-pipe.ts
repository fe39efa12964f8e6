import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, type ValidationError as ClassValidatorError } from 'class-validator';
import { DomainError, FieldError } from '../errors/domain-error.js';
import { MAX_LISTED_ERRORS } from '../errors/problem.js';

/** Far deeper than any request shape; class-transformer recurses, and a deeper body overflows the stack. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The most any request shape takes, checked before class-transformer and class-validator walk the
 * input: their time, and the length of their error list, grow with whatever a client sends. No DTO
 * has more than about 20 fields, no list more than 100 entries (each also declares its own
 * @ArrayMaxSize), no valid body more than a few hundred values.
 */
export const INPUT_LIMITS = { fieldsPerObject: 64, entriesPerList: 100, values: 2000 } as const;

/** Keys class-transformer drops without a word, so the whitelist never sees them. */
const DROPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructor
type DtoClass = Function;

const declaredListLimits = new WeakMap<DtoClass, ReadonlyMap<string, number>>();

/** The @ArrayMaxSize of each list field of a DTO, so a long list is refused with its own limit. */
function listLimitsOf(dto: DtoClass): ReadonlyMap<string, number> {
  let limits = declaredListLimits.get(dto);
  if (!limits) {
    const entries = getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', false, false)
      .filter((rule) => rule.name === 'arrayMaxSize' && typeof rule.constraints[0] === 'number')
      .map((rule): [string, number] => [rule.propertyName, rule.constraints[0] as number]);
    limits = new Map(entries);
    declaredListLimits.set(dto, limits);
  }
  return limits;
}

/**
 * What class-validator cannot report, or only at a cost that grows with the input: nesting deep
 * enough to crash the transform (a 500), objects with more fields and lists with more entries than
 * any request takes, too many values in all, keys that would be ignored instead of refused, and NUL
 * characters the database would refuse. Iterative, so the check itself cannot overflow; it never
 * descends into what it refuses, and stops counting at INPUT_LIMITS.values, so it is cheap too.
 */
export function inputShapeErrors(value: unknown, dto?: DtoClass, root = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const topLevelLists = dto ? listLimitsOf(dto) : new Map<string, number>();
  const pending: { value: unknown; field: string; key: string; depth: number }[] = [{ value, field: '', key: '', depth: 0 }];
  let values = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const field = next.field || root;
    if (++values > INPUT_LIMITS.values) {
      errors.push({ field: root, message: `holds more than ${INPUT_LIMITS.values} values, more than any request takes` });
      break;
    }
    // PostgreSQL text cannot hold NUL; refusing it here names the field instead of failing a query.
    if (typeof next.value === 'string' && next.value.includes('\u0000')) errors.push({ field, message: 'contains a NUL character' });
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_INPUT_DEPTH) {
      errors.push({ field, message: `nests deeper than ${MAX_INPUT_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(next.value)) {
      const limit = (next.depth === 1 ? topLevelLists.get(next.key) : undefined) ?? INPUT_LIMITS.entriesPerList;
      if (next.value.length > limit) {
        errors.push({ field, message: `must contain no more than ${limit} elements` });
        continue;
      }
    }
    const keys = Object.keys(next.value);
    if (!Array.isArray(next.value) && keys.length > INPUT_LIMITS.fieldsPerObject) {
      const what = next.depth === 0 && root === 'query' ? 'parameters' : 'fields';
      errors.push({ field, message: `has ${keys.length} ${what}, more than any request takes (${INPUT_LIMITS.fieldsPerObject}); send only the documented ones` });
      continue;
    }
    const object = next.value as Record<string, unknown>;
    for (const key of keys) {
      const child = next.field ? `${next.field}.${key}` : key;
      if (DROPPED_KEYS.has(key)) errors.push({ field: child, message: 'is not an accepted field' });
      else pending.push({ value: object[key], field: child, key, depth: next.depth + 1 });
    }
  }
  return errors;
}

/** The whole list travels with the error; the problem body lists the first few and counts the rest. */
function validationFailed(errors: FieldError[]): DomainError {
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((e) => `${e.field}: ${e.message}`).join('; ');
  const rest = errors.length > MAX_LISTED_ERRORS ? `; and ${errors.length - MAX_LISTED_ERRORS} more` : '';
  return new DomainError('VALIDATION_FAILED', `${listed}${rest}` || 'Invalid request', { errors });
}

/** Path parameters remembered per DTO as having passed; past this many the DTO's set is dropped whole. */
const PARAMS_KEPT = 10_000;

/** Path parameters as Express gives them (every value a string), as one key; undefined for anything else. */
function paramsKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.values(value).every((field) => typeof field === 'string') ? JSON.stringify(value) : undefined;
}

/** An object without a single key: a query string with nothing in it. */
function isEmptyQuery(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

class RequestValidationPipe extends ValidationPipe {
  /**
   * Query DTOs an empty query string has passed. Validating nothing gives the same answer every
   * time, and it cost the catalog's first page, its most asked-for request, some 60 µs of CPU a
   * request (issue 18); such a query is still turned into the DTO, as the full path does.
   */
  private readonly emptyQueryPasses = new WeakSet<DtoClass>();

  /**
   * Path parameters a DTO has passed, by value: a page's slug passes or fails the same way every
   * time, and validating it again was about 5% of the product page's CPU (issue 18). Such
   * parameters are still turned into the DTO, as the full path does.
   */
  private readonly paramPasses = new WeakMap<DtoClass, Set<string>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const errors = metadata.type === 'custom' ? [] : inputShapeErrors(value, metadata.metatype, metadata.type === 'body' ? 'body' : metadata.type);
    if (errors.length > 0) throw validationFailed(errors);
    const emptyQueryOf = metadata.type === 'query' && isEmptyQuery(value) ? metadata.metatype : undefined;
    if (emptyQueryOf && this.emptyQueryPasses.has(emptyQueryOf)) return plainToInstance(emptyQueryOf, value, this.transformOptions);
    const paramsOf = metadata.type === 'param' ? metadata.metatype : undefined;
    const params = paramsOf ? paramsKey(value) : undefined;
    if (paramsOf && params !== undefined && this.paramPasses.get(paramsOf)?.has(params)) return plainToInstance(paramsOf, value, this.transformOptions);
    const transformed: unknown = await super.transform(value, metadata);
    // Only a DTO the full path built (not a primitive or an untyped object) is remembered.
    if (emptyQueryOf && transformed instanceof emptyQueryOf) this.emptyQueryPasses.add(emptyQueryOf);
    if (paramsOf && params !== undefined && transformed instanceof paramsOf) this.rememberParams(paramsOf, params);
    return transformed;
  }

  private rememberParams(dto: DtoClass, params: string): void {
    let passed = this.paramPasses.get(dto);
    if (!passed) this.paramPasses.set(dto, (passed = new Set()));
    if (passed.size >= PARAMS_KEPT) passed.clear();
    passed.add(params);
  }
}

/**
 * Every body, query and param goes through this: unknown fields are refused, not ignored, and
 * each problem is reported against the field that caused it.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

export function flatten(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not an accepted field' : stripField(message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator messages start with the property name, which `field` already carries. */
function stripField(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
