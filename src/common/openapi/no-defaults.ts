import type { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

/**
 * A PATCH body without the `default`s its fields inherit from the create body: in a patch an absent
 * field means "unchanged", not "the default", and generated clients (openapi-typescript) turn a
 * defaulted field into a required one. Use as `extends NoDefaults(PartialType(CreateXDto))`.
 */
export function NoDefaults<T extends Type<unknown>>(patchType: T): T {
  const prototype = patchType.prototype as object;
  const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) as string[] | undefined) ?? [];
  for (const key of keys.map((entry) => entry.replace(/^:/, ''))) {
    const metadata = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, key) as Record<string, unknown> | undefined;
    if (!metadata || !('default' in metadata)) continue;
    const { default: _inherited, ...rest } = metadata;
    Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, rest, prototype, key);
  }
  return patchType;
}
