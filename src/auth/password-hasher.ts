import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3), which follow OWASP's guidance. */
@Injectable()
export class PasswordHasher {
  // Verified against when the account does not exist, so a miss costs as much time as a hit.
  private readonly decoy = argon2.hash('decoy-password-for-timing');

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
