import { ValidateIf } from 'class-validator';

/**
 * `@IsOptional()` for fields whose column cannot be null: a missing value skips validation, but an
 * explicit null is validated (and refused) instead of reaching the database as a 500.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
