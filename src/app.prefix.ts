import type { INestApplication } from '@nestjs/common';
import { CONSOLE_ROUTES } from './console/console.routes.js';
import { SHOWCASE_ROUTES } from './showcase/showcase.routes.js';

export const API_PREFIX = 'api/v1';

/**
 * The routes served outside /api/v1: the probes, which orchestrators call by fixed paths, the
 * showcase website's pages, which live at the root beside the API (showcase/showcase.routes.ts),
 * and the admin console at /admin (console/console.routes.ts).
 */
export const UNPREFIXED_ROUTES: readonly string[] = ['health/live', 'health/ready', ...SHOWCASE_ROUTES, ...CONSOLE_ROUTES];

/** Every route lives under /api/v1 but UNPREFIXED_ROUTES. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [...UNPREFIXED_ROUTES] });
}
