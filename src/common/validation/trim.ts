import { Transform } from 'class-transformer';

/** Trims strings before validation, so "   " fails a minimum length instead of storing "". */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
