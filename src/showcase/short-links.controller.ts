import { Controller, Get, Header, Param, Redirect, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { LinkClickCounter } from '../humas/links/link-click-counter.service.js';
import { ShareLinksService } from '../humas/links/share-links.service.js';
import { SHORT_LINK_ROUTE } from './showcase.routes.js';
import { ShowcaseErrorsFilter } from './showcase-errors.filter.js';

class ShareLinkCodeNotFound extends NotFoundError {
  constructor() {
    super('Page');
  }
}

/**
 * Share links: `/s/{code}` answers 302 to the campaign's page with `?k={code}` attached and counts
 * the click in memory (LinkClickCounter). Never cached, so every click reaches the counter; an
 * unknown code gets the website's 404 page.
 */
@ApiExcludeController()
@Public()
@UseFilters(ShowcaseErrorsFilter)
@Controller()
export class ShortLinksController {
  constructor(
    private readonly links: ShareLinksService,
    private readonly clicks: LinkClickCounter,
  ) {}

  @Get(SHORT_LINK_ROUTE)
  @Redirect()
  @Header('X-Robots-Tag', 'noindex')
  async follow(@Param('code') code: string, @Req() request: Request): Promise<{ url: string; statusCode: number }> {
    const link = await this.links.resolve(code);
    if (!link) throw new ShareLinkCodeNotFound();
    this.clicks.record(link.linkId, { method: request.method, userAgent: request.headers['user-agent'], headers: request.headers });
    return { url: link.location, statusCode: 302 };
  }
}
