import Module from 'node:module';

/**
 * Jest runs global setup with plain Node resolution, which cannot map our ESM-style `./x.js`
 * imports to `./x.ts` sources (the test projects do that with moduleNameMapper). Import this first.
 */
type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;

loader._resolveFilename = function resolveTypeScript(this: unknown, request: string, ...rest: unknown[]): string {
  try {
    return resolveFilename.call(this, request, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) {
      return resolveFilename.call(this, `${request.slice(0, -3)}.ts`, ...rest);
    }
    throw error;
  }
};
