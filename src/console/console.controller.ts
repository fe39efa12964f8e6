import { Controller, Get, Headers, Param, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Public } from '../auth/public.decorator.js';
import { type ConsoleAsset, ConsoleBundle } from './console-bundle.js';
import { ConsoleAssetHeaders, ConsoleShellHeaders } from './console-response.interceptors.js';
import { consoleShell } from './console-shell.js';
import { CONSOLE_ASSETS, CONSOLE_SCREENS } from './console.routes.js';

export class ConsoleAssetParam {
  @IsString()
  @MaxLength(100)
  file!: string;
}

/**
 * The admin console's files. Public: the page and its script hold no data; everything the console
 * shows comes from /api/v1 with the signed-in admin's token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  constructor(private readonly bundle: ConsoleBundle) {}

  @Get(CONSOLE_ASSETS)
  @UseInterceptors(ConsoleAssetHeaders)
  asset(@Param() params: ConsoleAssetParam, @Headers('accept-encoding') acceptEncoding: string | undefined): ConsoleAsset {
    return this.bundle.asset(params.file, acceptEncoding);
  }

  /** Every screen's URL (a reload, a shared link) gets the same page; the script picks the screen. */
  @Get([...CONSOLE_SCREENS])
  @UseInterceptors(ConsoleShellHeaders)
  screen(): string {
    return consoleShell(this.bundle.entry());
  }
}
