import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Public } from '../../auth/public.decorator.js';
import { shareImageRoutes } from '../../common/web/web-paths.js';
import { ShowcaseErrorsFilter } from '../showcase-errors.filter.js';
import { type ShareImageAnswer, ShareImagesService } from './share-images.service.js';

/** The URL names the picture's content: it never changes, so caches keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** An old version's redirect (or a picture drawn without its photo) holds only until the page may change again. */
const SHORT = 'public, max-age=300';

export class ShareImageParams {
  @IsOptional()
  @Matches(/^[a-z]+$/)
  segment?: string;

  @Matches(/^[a-z0-9.-]+$/)
  @MaxLength(160)
  file!: string;
}

function send(response: Response, answer: ShareImageAnswer): void {
  if (answer.kind === 'redirect') {
    response.setHeader('Cache-Control', SHORT);
    response.redirect(302, answer.location);
    return;
  }
  response.setHeader('Cache-Control', answer.immutable ? IMMUTABLE : SHORT);
  response.setHeader('Content-Type', 'image/jpeg');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.status(200).send(answer.body);
}

/**
 * Share pictures (og:image) of the showcase's pages, beside them in the URL scheme:
 * `/bagikan/produk/{slug}.{version}.jpg`, `/en/share/products/{slug}.{version}.jpg`,
 * `/bagikan/beranda.{version}.jpg`. Binary answers, so `@Res()` like the cart's redirects.
 */
@ApiExcludeController()
@Public()
@UseFilters(ShowcaseErrorsFilter)
@Controller()
export class ShareImagesController {
  constructor(private readonly images: ShareImagesService) {}

  @Get(shareImageRoutes('id').page)
  async pageId(@Param() params: ShareImageParams, @Res() response: Response): Promise<void> {
    send(response, await this.images.image('id', params.segment, params.file));
  }

  @Get(shareImageRoutes('en').page)
  async pageEn(@Param() params: ShareImageParams, @Res() response: Response): Promise<void> {
    send(response, await this.images.image('en', params.segment, params.file));
  }

  @Get(shareImageRoutes('id').home)
  async homeId(@Param() params: ShareImageParams, @Res() response: Response): Promise<void> {
    send(response, await this.images.image('id', undefined, params.file));
  }

  @Get(shareImageRoutes('en').home)
  async homeEn(@Param() params: ShareImageParams, @Res() response: Response): Promise<void> {
    send(response, await this.images.image('en', undefined, params.file));
  }
}
