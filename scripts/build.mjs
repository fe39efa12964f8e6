// @ts-check
/**
 * `npm run build`: src/ and migrations/ to dist/ with SWC, in a second or two. Types are checked by
 * `npm run typecheck` (and CI), not here: a full tsc build took 11 s on an idle machine and over a
 * minute on a busy one, on every `npm start`.
 *
 * `--if-stale` (what `npm start` runs first) builds only when dist/ is not what this script made
 * from the current sources: the stamp holds a hash of every input, and any output written since
 * (start:dev's tsc watch, a bench build) or gone missing means rebuild.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole } from './build-console.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'migrations'];
/** Everything the output depends on: sources, compiler settings, compiler version (lock), this script. */
const INPUTS = [...SOURCES, '.swcrc', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-console.mjs'];
/** The admin console's browser code: bundled by esbuild (build-console.mjs), not compiled for Node. */
const CONSOLE_APP = 'src/console/app';
const OUTPUTS = [...SOURCES.map((dir) => join('dist', dir)), join('dist', 'console')];
const STAMP = join('dist', '.build-stamp.json');

/** Files under `path` (itself if a file), relative to the root, sorted so the hash is stable. */
function filesUnder(path) {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [path];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

function outputs() {
  return OUTPUTS.flatMap(filesUnder).map((file) => ({ file, mtimeMs: statSync(join(root, file)).mtimeMs }));
}

/** Why dist/ cannot be used as it is, or undefined when it can. */
function staleness(sources) {
  if (!existsSync(join(root, STAMP))) return 'no build yet';
  /** @type {{ sources?: string; files?: number; builtAtMs?: number }} */
  const stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  if (stamp.sources !== sources) return 'sources changed';
  const built = outputs();
  if (built.length !== stamp.files) return 'dist/ changed';
  if (built.some((output) => output.mtimeMs > (stamp.builtAtMs ?? 0))) return 'dist/ was written by another build';
  return undefined;
}

async function build(sources) {
  const started = Date.now();
  // A clean slate: a deleted source must not live on in dist/ (the TypeORM CLI globs *.entity.js).
  for (const dir of OUTPUTS) rmSync(join(root, dir), { recursive: true, force: true });
  const swc = createRequire(import.meta.url).resolve('@swc/cli/bin/swc.js');
  const result = spawnSync(process.execPath, [swc, ...SOURCES, '--out-dir', 'dist', '--ignore', `**/*.spec.ts,**/*.spec.tsx,${CONSOLE_APP}/**`, '--quiet'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  const bundle = await buildConsole(root);
  const files = outputs();
  const builtAtMs = Math.max(Date.now(), ...files.map((output) => output.mtimeMs));
  writeFileSync(join(root, STAMP), `${JSON.stringify({ sources, files: files.length, builtAtMs })}\n`);
  console.log(`Built ${files.filter((output) => output.file.endsWith('.js')).length} files into dist/ (console: ${bundle.js}) in ${Date.now() - started} ms`);
}

const sources = fingerprint();
if (process.argv.includes('--if-stale')) {
  const reason = staleness(sources);
  if (reason === undefined) console.log('dist/ is up to date with src/ and migrations/; not rebuilding');
  else {
    console.log(`Building (${reason})`);
    await build(sources);
  }
} else {
  await build(sources);
}
