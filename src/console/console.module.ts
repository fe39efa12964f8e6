import { Module } from '@nestjs/common';
import { ConsoleBundle } from './console-bundle.js';
import { ConsoleController } from './console.controller.js';
import { ConsoleAssetHeaders, ConsoleShellHeaders } from './console-response.interceptors.js';

/**
 * The admin console at /admin: a single-page app (src/console/app, bundled by npm run build)
 * that talks to the server only through /api/v1. This module only serves its files.
 */
@Module({
  controllers: [ConsoleController],
  providers: [ConsoleBundle, ConsoleShellHeaders, ConsoleAssetHeaders],
})
export class ConsoleModule {}
