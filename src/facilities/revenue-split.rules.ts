import { DomainError } from '../common/errors/domain-error.js';
import type { CreateRevenueSplitDto } from './dto/create-revenue-split.dto.js';

/** A rule must account for the whole profit and must not rewrite the past. */
export function assertValidSplit(dto: CreateRevenueSplitDto, today: string = new Date().toISOString().slice(0, 10)): void {
  const total = dto.premiPercent + dto.pnbpPercent + dto.capitalPercent;
  if (total !== 100) {
    throw new DomainError('VALIDATION_FAILED', `premiPercent + pnbpPercent + capitalPercent must be 100, not ${total}`, {
      errors: [{ field: 'premiPercent', message: `the three shares add up to ${total}, not 100` }],
    });
  }
  const day = dto.effectiveFrom.slice(0, 10);
  if (dto.effectiveFrom.length !== 10 || day < today) {
    throw new DomainError('VALIDATION_FAILED', 'effectiveFrom must be a date (YYYY-MM-DD), today or later', {
      errors: [{ field: 'effectiveFrom', message: 'must be a date (YYYY-MM-DD), today or later' }],
    });
  }
}
