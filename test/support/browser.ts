import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * What the browser tests share: Debian's chromium with WEB.md's flags, the viewports screenshots
 * are taken at, and axe-core's WCAG 2.2 AA run.
 */

/** Debian's chromium (`apt-get install chromium`, done by .ci/run); CHROMIUM_PATH elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Saved by every run so a person can look at what visitors see. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
export const VIEWPORTS = { phone: { width: 360, height: 800 }, desktop: { width: 1366, height: 768 } } as const;
/** WCAG 2.2 AA, as axe-core tags it. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Chromium, headless; the screenshots folder exists once it runs. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // WEB.md's flags; Playwright gives the browser a temporary profile of its own and removes it on close.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** axe-core's source, to inject into pages (runAxe). */
export function loadAxeSource(): Promise<string> {
  return readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/**
 * axe-core on the page as it is now, WCAG 2.2 AA: each violation as one readable line, and how
 * many rules passed (so a caller can tell that axe looked at something). CDP evaluation is not
 * subject to the page's CSP, which would (rightly) refuse an injected script.
 */
export async function runAxe(page: Page, source: string): Promise<{ violations: string[]; passes: number }> {
  await page.evaluate(source);
  const results = await page.evaluate(
    async (tags) =>
      (globalThis as unknown as { axe: { run: (options: object) => Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe.run({
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_AA,
  );
  return {
    violations: results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    passes: results.passes.length,
  };
}

/**
 * Holds the answers to the requests `matches` picks (fetched from the server at once, handed to
 * the page only on `release()`): a slow connection whose earlier answer arrives after a later one.
 */
export async function holdAnswers(page: Page, matches: (url: URL) => boolean): Promise<() => void> {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(matches, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  return release;
}
