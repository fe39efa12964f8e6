import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { runAxe, SCREENSHOTS, VIEWPORTS } from './browser';

/**
 * What the console's browser tests share: a phone (WEB.md: a mid-range Android at 360 px, in
 * Indonesian) that collects the page's errors, the checks every screen passes, and signing in.
 */

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page, as they happen. */
  errors: string[];
  close: () => Promise<void>;
}

/** A new 360x800 phone context in Indonesian; `options` add to it (downloads, clipboard, a user agent). */
export async function openPhone(browser: Browser, options: BrowserContextOptions = {}): Promise<Phone> {
  const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'id-ID', deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors, close: () => context.close() };
}

/**
 * The screen as it is now, saved as `test-output/screenshots/{file}-360.png` for a person to look
 * at (first, so a failing screen is there too), then checked: no WCAG 2.2 AA violation (axe-core)
 * and nothing wider than the phone.
 */
export async function expectScreenFits(page: Page, axeSource: string, screen: string, file: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${file}-360.png`), fullPage: true });
  const results = await runAxe(page, axeSource);
  expect({ screen, violations: results.violations }).toEqual({ screen, violations: [] });
  const widths = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect({ screen, scrollWidth: widths.scroll }).toEqual({ screen, scrollWidth: widths.client });
}

/** Fills the sign-in form on the page and sends it (the caller waits for what should follow). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}
