import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { Authenticated } from '../../auth/authenticated.decorator.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { RequirePermission } from '../../auth/require-permission.decorator.js';
import { ApiProblem } from '../../common/openapi/api-problem.decorator.js';
import { ApiPage } from '../../common/pagination/api-page.decorator.js';
import type { Page } from '../../common/pagination/cursor.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { IdParam } from '../../common/validation/params.js';
import { CreateLinkDto } from '../links/dto/create-link.dto.js';
import { ShareLinksService } from '../links/share-links.service.js';
import { CampaignSummaryService } from './campaign-summary.service.js';
import { CampaignSummaryView, CampaignView, ShareLinkView } from './campaign.views.js';
import { CampaignsService } from './campaigns.service.js';
import { CampaignSummaryQueryDto } from './dto/campaign-summary-query.dto.js';
import { CreateCampaignDto } from './dto/create-campaign.dto.js';
import { UpdateCampaignDto } from './dto/update-campaign.dto.js';

@ApiTags('admin: humas')
@Authenticated()
@ApiProblem(404, { description: 'No such campaign in your scope (NOT_FOUND)' })
@Controller('admin/humas/campaigns')
export class CampaignsAdminController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly links: ShareLinksService,
    private readonly summaries: CampaignSummaryService,
  ) {}

  /** Campaigns of your facility, your Kanwil (and its facilities), or all for national staff; newest first. */
  @Get()
  @ApiOperation({ summary: 'List Humas campaigns in your scope' })
  @RequirePermission('humas.read')
  @ApiPage(CampaignView)
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<CampaignView>> {
    return this.campaigns.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a campaign' })
  @RequirePermission('humas.read')
  @ApiOkResponse({ type: CampaignView })
  get(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<CampaignView> {
    return this.campaigns.get(user, params.id);
  }

  /** The scope follows your role: a facility admin's campaign is the facility's, a regional admin's the Kanwil's, national staff's the nation's. Featured products and stories must be of that scope. */
  @Post()
  @ApiOperation({ summary: 'Create a campaign' })
  @RequirePermission('humas.manage')
  @ApiCreatedResponse({ type: CampaignView })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCampaignDto): Promise<CampaignView> {
    return this.campaigns.create(user, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a campaign' })
  @RequirePermission('humas.manage')
  @ApiOkResponse({ type: CampaignView })
  update(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: UpdateCampaignDto): Promise<CampaignView> {
    return this.campaigns.update(user, params.id, body);
  }

  /** With its share links and their click counts; orders keep the codes they were attributed to. */
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a campaign' })
  @RequirePermission('humas.manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<void> {
    await this.campaigns.remove(user, params.id);
  }

  /** The campaign's share links, newest first. */
  @Get(':id/links')
  @ApiOperation({ summary: "List a campaign's share links" })
  @RequirePermission('humas.read')
  @ApiPage(ShareLinkView)
  listLinks(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Query() query: PageQueryDto): Promise<Page<ShareLinkView>> {
    return this.links.list(user, params.id, query);
  }

  /** A tracked link for one channel and page: `shortUrl` (`/s/{code}`) redirects to the page with `?k={code}`, counting the click. */
  @Post(':id/links')
  @ApiOperation({ summary: 'Create a share link' })
  @RequirePermission('humas.manage')
  @ApiCreatedResponse({ type: ShareLinkView })
  createLink(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: CreateLinkDto): Promise<ShareLinkView> {
    return this.links.create(user, params.id, body);
  }

  /**
   * Clicks on the campaign's links by channel (all days), and the orders attributed to it: by the
   * last share link that brought the shopper within the attribution window (default), or the first.
   */
  @Get(':id/summary')
  @ApiOperation({ summary: 'Campaign clicks and attributed orders' })
  @RequirePermission('humas.read')
  @ApiOkResponse({ type: CampaignSummaryView })
  summary(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Query() query: CampaignSummaryQueryDto): Promise<CampaignSummaryView> {
    return this.summaries.summary(user, params.id, query.touch);
  }
}
