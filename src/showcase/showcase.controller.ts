import { Controller, Get, Header, Param, Query, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { VisitCountingInterceptor } from '../humas/visits/visit-counting.interceptor.js';
import { PublicCache } from '../common/http/cache-control.js';
import { SlugParam } from '../common/validation/params.js';
import { routePattern, webPath } from '../common/web/web-paths.js';
import { CampaignTouchInterceptor } from './campaign-touch.interceptor.js';
import { PageNonce, PageSecurityInterceptor } from './page-response.js';
import { ShowcaseErrorsFilter } from './showcase-errors.filter.js';
import { ShowcasePagesService } from './showcase-pages.service.js';

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#5c2e00"/>' +
  '<path d="M6 13h20l-2-6H8zM8 15h16v11H8z" fill="#fbfaf7"/><path d="M13 19h6v7h-6z" fill="#5c2e00"/></svg>';

/** The Indonesian pages, at the root (WEB.md URL scheme). */
@ApiExcludeController()
@Public()
@PublicCache(60)
@UseInterceptors(PageSecurityInterceptor)
@UseInterceptors(VisitCountingInterceptor, CampaignTouchInterceptor)
@UseFilters(ShowcaseErrorsFilter)
@Controller()
export class ShowcaseController {
  constructor(private readonly pages: ShowcasePagesService) {}

  @Get('/')
  home(@PageNonce() nonce: string): Promise<string> {
    return this.pages.home('id', nonce);
  }

  @Get(routePattern('id', 'product'))
  product(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.product('id', nonce, params.slug);
  }

  /** The facility index reads its filters itself, as search does: an unknown one is dropped, not refused. */
  @Get(webPath('id', 'facility').slice(1))
  facilities(@Query() query: Record<string, unknown>, @PageNonce() nonce: string): Promise<string> {
    return this.pages.facilityIndex('id', nonce, query);
  }

  @Get(routePattern('id', 'facility'))
  facility(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.facility('id', nonce, params.slug);
  }

  @Get(routePattern('id', 'story'))
  story(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.story('id', nonce, params.slug);
  }

  @Get(routePattern('id', 'programme'))
  programme(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.programme('id', nonce, params.slug);
  }

  /** Search reads its filters itself: a shared link's utm_source or fbclid must not turn it into an error. */
  @Get(webPath('id', 'search').slice(1))
  search(@Query() query: Record<string, unknown>, @PageNonce() nonce: string): Promise<string> {
    return this.pages.search('id', nonce, query);
  }
}

/** The same pages in English, under /en. */
@ApiExcludeController()
@Public()
@PublicCache(60)
@UseInterceptors(PageSecurityInterceptor)
@UseInterceptors(VisitCountingInterceptor, CampaignTouchInterceptor)
@UseFilters(ShowcaseErrorsFilter)
@Controller()
export class EnglishShowcaseController {
  constructor(private readonly pages: ShowcasePagesService) {}

  @Get(webPath('en', 'home').slice(1))
  home(@PageNonce() nonce: string): Promise<string> {
    return this.pages.home('en', nonce);
  }

  @Get(routePattern('en', 'product'))
  product(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.product('en', nonce, params.slug);
  }

  /** The facility index reads its filters itself, as search does: an unknown one is dropped, not refused. */
  @Get(webPath('en', 'facility').slice(1))
  facilities(@Query() query: Record<string, unknown>, @PageNonce() nonce: string): Promise<string> {
    return this.pages.facilityIndex('en', nonce, query);
  }

  @Get(routePattern('en', 'facility'))
  facility(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.facility('en', nonce, params.slug);
  }

  @Get(routePattern('en', 'story'))
  story(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.story('en', nonce, params.slug);
  }

  @Get(routePattern('en', 'programme'))
  programme(@Param() params: SlugParam, @PageNonce() nonce: string): Promise<string> {
    return this.pages.programme('en', nonce, params.slug);
  }

  @Get(webPath('en', 'search').slice(1))
  search(@Query() query: Record<string, unknown>, @PageNonce() nonce: string): Promise<string> {
    return this.pages.search('en', nonce, query);
  }
}

/** sitemap.xml and robots.txt, for search engines. */
@ApiExcludeController()
@Public()
@PublicCache(3600)
@Controller()
export class SiteFilesController {
  constructor(private readonly pages: ShowcasePagesService) {}

  @Get('sitemap.xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  sitemap(): Promise<string> {
    return this.pages.sitemap();
  }

  /** A shop-front mark in the brand colour; with it linked from every page, browsers never ask for /favicon.ico. */
  @Get('favicon.svg')
  @PublicCache(86_400)
  @Header('Content-Type', 'image/svg+xml')
  favicon(): string {
    return FAVICON_SVG;
  }

  @Get('robots.txt')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  robots(): string {
    return this.pages.robots();
  }
}
