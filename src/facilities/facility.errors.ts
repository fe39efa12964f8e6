import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export class FacilityNotFound extends NotFoundError {
  constructor() {
    super('Facility');
  }
}

export class UnknownRegion extends DomainError {
  constructor(region: string) {
    super('VALIDATION_FAILED', `region "${region}" is not a province code (63), ISO code (ID-KS) or Kanwil code (kalsel)`, {
      errors: [{ field: 'region', message: 'is not a known province or Kanwil' }],
    });
  }
}

export class UnknownProvince extends DomainError {
  constructor(code: string) {
    super('VALIDATION_FAILED', `provinceCode "${code}" is not a province`, {
      errors: [{ field: 'provinceCode', message: 'is not a known province code' }],
    });
  }
}

export class SlugTaken extends DomainError {
  constructor(slug: string) {
    super('CONFLICT', `The slug "${slug}" is already used by another facility`);
  }
}

export class RevenueSplitDateTaken extends DomainError {
  constructor(date: string) {
    super('CONFLICT', `A revenue split rule already starts on ${date}; pick another date`);
  }
}

export class UnknownProvinces extends DomainError {
  constructor(codes: readonly string[]) {
    super('VALIDATION_FAILED', `provinces ${codes.map((code) => `"${code}"`).join(', ')} are not province codes`, {
      errors: [{ field: 'provinces', message: `not province codes (Kemendagri, e.g. 63): ${codes.join(', ')}` }],
    });
  }
}
