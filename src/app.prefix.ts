import type { INestApplication } from '@nestjs/common';

export const API_PREFIX = 'api/v1';

/** Every route lives under /api/v1 but the probes, which orchestrators call by fixed paths. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
}
