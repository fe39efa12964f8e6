import { DomainError } from '../common/errors/domain-error.js';

/** Decided by the file's bytes, never its name or declared Content-Type. */
export class UnsupportedImageType extends DomainError {
  constructor(field: string, detected: string) {
    const message = `is ${detected}; only JPEG, PNG and WebP images and HEIC photos are accepted`;
    super('UNSUPPORTED_MEDIA_TYPE', `${field} ${message}`, { errors: [{ field, message }] });
  }
}

/** Too many pixels to decode safely (a decompression bomb looks like this too). */
export class ImageTooLarge extends DomainError {
  constructor(field: string, maxMegapixels: number) {
    const message = `has more than ${maxMegapixels} megapixels`;
    super('PAYLOAD_TOO_LARGE', `${field} ${message}`, { errors: [{ field, message }] });
  }
}

/** Looks like an image but does not decode: truncated or corrupt. */
export class ImageUnreadable extends DomainError {
  constructor(field: string) {
    const message = 'could not be decoded; the image is damaged or incomplete';
    super('VALIDATION_FAILED', `${field} ${message}`, { errors: [{ field, message }] });
  }
}
