import type { LoggerService } from '@nestjs/common';

/** Nest's contexts that write a line per module and per route at start (some 140 lines). */
const ROUTE = 'RouterExplorer';
const CONTROLLER = 'RoutesResolver';
const PER_ITEM_CONTEXTS = new Set([ROUTE, CONTROLLER, 'InstanceLoader']);

/**
 * The app's logger, with Nest's start-up listing turned into debug lines (still there with
 * LOG_LEVEL=debug) and, once the routes are mapped, one summary line.
 */
export class StartupLogSummary implements LoggerService {
  private routes = 0;
  private controllers = 0;

  constructor(private readonly logger: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && PER_ITEM_CONTEXTS.has(context)) {
      if (context === ROUTE) this.routes += 1;
      if (context === CONTROLLER) this.controllers += 1;
      this.logger.debug?.(message, ...rest);
      return;
    }
    this.logger.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.logger.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.logger.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.logger.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.logger.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.logger.fatal?.(message, ...rest);
  }

  /** Call after the routes are mapped (app.init()). */
  summarise(): void {
    this.logger.log(`Mapped ${this.routes} routes in ${this.controllers} controllers`, CONTROLLER);
  }
}
