import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { Authenticated } from '../../auth/authenticated.decorator.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { RequirePermission } from '../../auth/require-permission.decorator.js';
import { ApiProblem } from '../../common/openapi/api-problem.decorator.js';
import { IdParam } from '../../common/validation/params.js';
import { QrQueryDto } from './dto/create-link.dto.js';
import { LinkMediaService } from './link-media.service.js';

/** The card's own policy: its inline style and the product photo from the media store, nothing else. */
const CARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'";

@ApiTags('admin: humas')
@Authenticated()
@ApiProblem(404, { description: 'No such share link in your scope (NOT_FOUND)' })
@Controller('admin/humas/links')
export class LinksAdminController {
  constructor(private readonly media: LinkMediaService) {}

  /** The QR code of the link's short URL, for posters and cards: SVG (scales to any size) or a 1024 px PNG. */
  @Get(':id/qr')
  @ApiOperation({ summary: "A share link's QR code (SVG or PNG)" })
  @RequirePermission('humas.read')
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({
    description: 'SVG by default; PNG with format=png',
    content: { 'image/svg+xml': { schema: { type: 'string' } }, 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  async qr(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Query() query: QrQueryDto): Promise<StreamableFile> {
    const image = await this.media.qr(user, params.id, query.format ?? 'svg');
    return new StreamableFile(image.body, { type: image.contentType, length: image.body.length });
  }

  /** A printable A6 product card (photo, name, price, facility, QR code) for a link to a product; print it from the browser. */
  @Get(':id/card')
  @ApiOperation({ summary: 'Printable A6 product card with the QR code' })
  @RequirePermission('humas.read')
  @Header('Content-Security-Policy', CARD_CSP)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'One HTML page sized for A6 paper', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblem(409, { description: 'The link does not open a product, or the product is not on the showcase (INVALID_STATE)' })
  async card(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<StreamableFile> {
    const html = Buffer.from(await this.media.card(user, params.id));
    return new StreamableFile(html, { type: 'text/html; charset=utf-8', length: html.length });
  }
}
