import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { Authenticated } from '../../auth/authenticated.decorator.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { RequirePermission } from '../../auth/require-permission.decorator.js';
import { ApiProblem } from '../../common/openapi/api-problem.decorator.js';
import { IdParam } from '../../common/validation/params.js';
import { ShareKitQueryDto } from './share-kit-query.dto.js';
import { ShareKitService } from './share-kit.service.js';
import { ShareKitView } from './share-kit.view.js';

@ApiTags('admin: share kit')
@Authenticated()
@ApiProblem(400, { description: "campaignId without channel or the other way round, an unknown channel, or a product or story outside the campaign's scope (VALIDATION_FAILED)" })
@ApiProblem(404, { description: 'No such product or story, or no such campaign, in your scope (NOT_FOUND)' })
@ApiProblem(409, { description: 'Not published: only a public page is shared (INVALID_STATE)' })
@Controller('admin')
export class ShareKitAdminController {
  constructor(private readonly shareKit: ShareKitService) {}

  /** The product's share pictures (1200x630, 1080x1080, 1080x1920) and a ready Indonesian caption; with campaignId and channel the caption carries the campaign's tracked link. */
  @Get('products/:id/share-kit')
  @ApiOperation({ summary: "A product's share kit: pictures and caption" })
  @RequirePermission('product.manage')
  @ApiOkResponse({ type: ShareKitView })
  product(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Query() query: ShareKitQueryDto): Promise<ShareKitView> {
    return this.shareKit.product(user, params.id, query);
  }

  /** The story's share pictures (1200x630, 1080x1080, 1080x1920) and a ready Indonesian caption; with campaignId and channel the caption carries the campaign's tracked link. */
  @Get('stories/:id/share-kit')
  @ApiOperation({ summary: "A story's share kit: pictures and caption" })
  @RequirePermission('story.write')
  @ApiOkResponse({ type: ShareKitView })
  story(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Query() query: ShareKitQueryDto): Promise<ShareKitView> {
    return this.shareKit.story(user, params.id, query);
  }
}
