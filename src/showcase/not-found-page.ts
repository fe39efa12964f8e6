import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { languageOfPath } from '../common/web/web-paths.js';
import { AppConfig } from '../config/app-config.js';
import { mediaOrigins } from '../common/http/media-origins.js';
import { startPage } from './page-response.js';
import { NOT_PAGES } from './showcase-error-pages.js';
import { ShowcasePagesService } from './showcase-pages.service.js';


/**
 * A mistyped page address (`/produk/`, `/tentang`) asked for by a browser gets the site's own
 * 404 page; API clients and everything under /api keep getting problem+json. Registered in
 * app.factory.ts after every route, before the problem+json 404.
 */
export function notFoundPage(pages: ShowcasePagesService, config: AppConfig): RequestHandler {
  const origins = mediaOrigins(config);
  return (request: Request, response: Response, next: NextFunction) => {
    const isPageRequest = (request.method === 'GET' || request.method === 'HEAD') && !NOT_PAGES.test(request.path) && request.accepts(['json', 'html']) === 'html';
    if (!isPageRequest || response.headersSent) return next();
    const nonce = startPage(response, origins);
    response.setHeader('Cache-Control', 'no-store');
    response.status(404).send(pages.error(languageOfPath(request.path), nonce, 'notFound'));
  };
}
