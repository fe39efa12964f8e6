import { Injectable } from '@nestjs/common';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/** argon2id (the library default) at OWASP's recommended minimum: 19 MiB, t=2, p=1. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  // Verified against when the account does not exist, so a miss costs as much time as a hit.
  private readonly decoy = argon2Hash('decoy-password-for-timing', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return argon2Hash(password, ARGON2_OPTIONS);
  }

  async verify(stored: string | null, password: string): Promise<boolean> {
    try {
      return await argon2Verify(stored ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
