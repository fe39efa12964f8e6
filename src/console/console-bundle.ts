import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConsoleAssetNotFound, ConsoleNotBuilt } from './console.errors.js';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
  encoding: Encoding;
}

interface Manifest {
  js: string;
  css?: string;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** What esbuild names the files (scripts/build-console.mjs): `<name>-<hash>.<ext>`. */
const ASSET_NAME = /^[A-Za-z0-9_-]+-[A-Z0-9]{8}\.(js|css)$/;

/** The repository (or image) root: the nearest folder up with package.json, from src/ or dist/src/ alike. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/**
 * The console's built files (dist/console, made by `npm run build`), read once and kept in memory:
 * one script and one stylesheet of a few dozen KB, each with its gzip and brotli copies. Read on
 * first use, so the API starts (and its tests run) on a checkout where the console was not built.
 */
@Injectable()
export class ConsoleBundle {
  private readonly dir = join(projectRoot(__dirname), 'dist', 'console');
  private manifest?: Manifest;
  private readonly files = new Map<string, Buffer | null>();

  entry(): Manifest {
    if (!this.manifest) {
      const path = join(this.dir, 'manifest.json');
      if (!existsSync(path)) throw new ConsoleNotBuilt();
      this.manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    }
    return this.manifest;
  }

  /** The file in the best encoding the browser accepts; only the bundle's own names are looked up. */
  asset(name: string, acceptEncoding: string | undefined): ConsoleAsset {
    const extension = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    const contentType = TYPES[extension];
    if (!ASSET_NAME.test(name) || !contentType) throw new ConsoleAssetNotFound();
    const accepted = acceptedEncodings(acceptEncoding);
    for (const encoding of ['br', 'gzip'] as const) {
      const body = accepted.has(encoding) ? this.read(`${name}.${encoding === 'br' ? 'br' : 'gz'}`) : undefined;
      if (body) return { body, contentType, encoding };
    }
    const body = this.read(name);
    if (!body) throw new ConsoleAssetNotFound();
    return { body, contentType, encoding: 'identity' };
  }

  private read(file: string): Buffer | undefined {
    if (!this.files.has(file)) {
      const path = join(this.dir, 'assets', file);
      this.files.set(file, existsSync(path) ? readFileSync(path) : null);
    }
    return this.files.get(file) ?? undefined;
  }
}

/** Encodings named in Accept-Encoding without `;q=0`. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param))) accepted.add(name);
  }
  return accepted;
}
