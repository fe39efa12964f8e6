// @ts-check
/**
 * The admin console's browser bundle (src/console/app/), built by esbuild into dist/console/:
 * hashed files under assets/ (served with a year's immutable cache) plus gzip and brotli copies
 * made once here, so the server never compresses per request, and manifest.json naming the entry
 * files for the shell page. esbuild because it bundles and minifies TSX in well under a second;
 * the server build (SWC) does not bundle, and the console must stay one small request.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** @param {string} root the repository root */
export async function buildConsole(root) {
  const outdir = join(root, 'dist', 'console', 'assets');
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/console/app/main.tsx' },
    bundle: true,
    minify: true,
    format: 'iife',
    // Mid-range Android phones run a current Chrome; no polyfills needed for these.
    target: ['chrome100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  /** @type {{ js?: string; css?: string }} */
  const manifest = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const name = relative(outdir, join(root, file));
    if (output.entryPoint !== undefined && name.endsWith('.js')) {
      manifest.js = name;
      if (output.cssBundle) manifest.css = relative(outdir, join(root, output.cssBundle));
    }
    const bytes = readFileSync(join(root, file));
    writeFileSync(`${join(root, file)}.gz`, gzipSync(bytes, { level: 9 }));
    writeFileSync(`${join(root, file)}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  if (!manifest.js) throw new Error('esbuild produced no console bundle');
  writeFileSync(join(root, 'dist', 'console', 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  return manifest;
}
