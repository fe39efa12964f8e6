import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import bodyParser from 'body-parser';
import type { Request, Response } from 'express';
import { Public } from '../../auth/public.decorator.js';
import { ForbiddenError } from '../../common/errors/domain-error.js';
import { type Language, webPath } from '../../common/web/web-paths.js';
import { AppConfig } from '../../config/app-config.js';
import { OrderNumberParam } from '../../orders/dto/order-number.param.js';
import { PageNonce, PageSecurityInterceptor } from '../page-response.js';
import { formPath, orderRoute } from '../showcase.routes.js';
import { ShowcaseErrorsFilter } from '../showcase-errors.filter.js';
import { CARD_RETURN, type CartAnswer, ShowcaseCartService } from './showcase-cart.service.js';

/** Browsers post forms urlencoded; the app reads JSON only elsewhere (common/http/require-json.ts). */
const readUrlencoded = bodyParser.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });

function readForm(request: Request, response: Response): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    readUrlencoded(request, response, (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error('The form could not be read')) : resolve((request.body ?? {}) as Record<string, unknown>)));
  });
}

function send(response: Response, answer: CartAnswer): void {
  if (answer.cookie) response.setHeader('Set-Cookie', answer.cookie);
  // One shopper's page: never stored by a cache, never indexed.
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Robots-Tag', 'noindex, nofollow');
  if (answer.kind === 'redirect') response.redirect(303, answer.location);
  else response.status(answer.status).send(answer.html);
}

/**
 * Cart, checkout and order pages in both languages (WEB.md: /keranjang, /bayar, /pesanan/{number}
 * and /en/cart, /en/checkout, /en/orders/{number}). Plain form posts, so they work without script.
 */
@ApiExcludeController()
@Public()
@UseInterceptors(PageSecurityInterceptor)
@UseFilters(ShowcaseErrorsFilter)
@Controller()
export class CartController {
  private readonly ownOrigins: Set<string>;

  constructor(
    private readonly cart: ShowcaseCartService,
    config: AppConfig,
  ) {
    this.ownOrigins = new Set([config.webBaseUrl, config.publicBaseUrl].map((url) => new URL(url).origin));
  }

  @Get(webPath('id', 'cart').slice(1))
  showId(@Req() request: Request, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.show('id', request, response, nonce);
  }

  @Get(webPath('en', 'cart').slice(1))
  showEn(@Req() request: Request, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.show('en', request, response, nonce);
  }

  @Post(webPath('id', 'cart').slice(1))
  addId(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.add('id', request, response);
  }

  @Post(webPath('en', 'cart').slice(1))
  addEn(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.add('en', request, response);
  }

  @Post(webPath('id', 'checkout').slice(1))
  placeId(@Req() request: Request, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.place('id', request, response, nonce);
  }

  @Post(webPath('en', 'checkout').slice(1))
  placeEn(@Req() request: Request, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.place('en', request, response, nonce);
  }

  @Post(formPath('id', 'cartUpdate').slice(1))
  updateId(@Req() request: Request, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.update('id', request, response, nonce);
  }

  @Post(formPath('en', 'cartUpdate').slice(1))
  updateEn(@Req() request: Request, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.update('en', request, response, nonce);
  }

  @Post(formPath('id', 'cardPayment').slice(1))
  payId(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pay('id', request, response);
  }

  @Post(formPath('en', 'cardPayment').slice(1))
  payEn(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pay('en', request, response);
  }

  @Get(orderRoute('id'))
  orderId(@Param() params: OrderNumberParam, @Query() query: Record<string, unknown>, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.order('id', params.number, query, response, nonce);
  }

  @Get(orderRoute('en'))
  orderEn(@Param() params: OrderNumberParam, @Query() query: Record<string, unknown>, @Res() response: Response, @PageNonce() nonce: string): Promise<void> {
    return this.order('en', params.number, query, response, nonce);
  }

  private async show(language: Language, request: Request, response: Response, nonce: string): Promise<void> {
    const notice = request.query.notice === 'updated' || request.query.notice === 'removed' ? request.query.notice : undefined;
    send(response, await this.cart.show(language, nonce, this.cart.cartOf(request.headers.cookie), undefined, {}, 200, { notice }));
  }

  private async update(language: Language, request: Request, response: Response, nonce: string): Promise<void> {
    this.refuseCrossSite(request);
    const body = await readForm(request, response);
    send(response, await this.cart.update(language, nonce, this.cart.cartOf(request.headers.cookie), body));
  }

  /** The order's token, in the form, is what lets the shopper pay it; the form is also refused from other sites. */
  private async pay(language: Language, request: Request, response: Response): Promise<void> {
    this.refuseCrossSite(request);
    const body = await readForm(request, response);
    send(response, await this.cart.payAgain(language, body));
  }

  /**
   * The product page is cached publicly, so its form cannot carry a per-shopper token: adding to
   * a cart is refused from another site by the browser's Origin and Sec-Fetch-Site headers instead.
   */
  private async add(language: Language, request: Request, response: Response): Promise<void> {
    this.refuseCrossSite(request);
    const body = await readForm(request, response);
    send(response, await this.cart.add(language, this.cart.cartOf(request.headers.cookie), body));
  }

  private async place(language: Language, request: Request, response: Response, nonce: string): Promise<void> {
    this.refuseCrossSite(request);
    const body = await readForm(request, response);
    send(response, await this.cart.place(language, nonce, this.cart.cartOf(request.headers.cookie), body, request.ip));
  }

  private async order(language: Language, number: string, query: Record<string, unknown>, response: Response, nonce: string): Promise<void> {
    const token = typeof query.token === 'string' ? query.token : undefined;
    const html = await this.cart.order(language, nonce, number, token, query[CARD_RETURN.name] === CARD_RETURN.value);
    send(response, { kind: 'page', status: 200, html });
  }

  private refuseCrossSite(request: Request): void {
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if ((origin !== undefined && origin !== 'null' && !this.ownOrigins.has(origin)) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
      throw new ForbiddenError('Cart forms are posted from this site only');
    }
  }
}
