import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { LargeJsonBody } from '../common/http/json-body.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { IdParam } from '../common/validation/params.js';
import { MAX_ALT_LENGTH } from '../media/media.types.js';
import { UploadFilesInterceptor } from '../media/upload-files.interceptor.js';
import { CreateStoryDto } from './dto/create-story.dto.js';
import { ListAdminStoriesDto } from './dto/list-admin-stories.dto.js';
import { PreviewStoryDto } from './dto/preview-story.dto.js';
import { RejectStoryDto } from './dto/reject-story.dto.js';
import { StoryCoverDto } from './dto/story-cover.dto.js';
import { UpdateStoryDto } from './dto/update-story.dto.js';
import { StoriesAdminService } from './stories-admin.service.js';
import { StoryCoversService } from './story-covers.service.js';
import { StoryReviewService } from './story-review.service.js';
import { StoryAdminView, StoryPreviewView } from './story.views.js';
import { StoryContentService } from './story-content.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

const WORKFLOW_CONFLICTS = 'INVALID_STATE (not possible from the current state), CONSENT_REQUIRED, INDIVIDUAL_CREDIT_NOT_ALLOWED (LPKA)';

@ApiTags('admin: stories')
@Authenticated()
@ApiProblem(404, { description: 'No such story (or facility) in your scope (NOT_FOUND)' })
@Controller('admin/stories')
export class StoriesAdminController {
  constructor(
    private readonly stories: StoriesAdminService,
    private readonly review: StoryReviewService,
    private readonly covers: StoryCoversService,
    private readonly content: StoryContentService,
  ) {}

  /** Stories of your facility or Kanwil, newest first, in every state; `awaitingReview=true` is the review queue, `sentBack=true` what review returned with a comment. */
  @Get()
  @ApiOperation({ summary: "List stories in the admin's scope" })
  @RequirePermission('story.write')
  @ApiPage(StoryAdminView)
  list(@CurrentUser() user: AuthUser, @Query() query: ListAdminStoriesDto): Promise<Page<StoryAdminView>> {
    return this.stories.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a story' })
  @RequirePermission('story.write')
  @ApiOkResponse({ type: StoryAdminView })
  get(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<StoryAdminView> {
    return this.stories.get(user, params.id);
  }

  /** A new DRAFT; the Markdown is rendered and sanitised now, and the result returned. */
  @Post()
  @ApiOperation({ summary: 'Draft a story' })
  @RequirePermission('story.write')
  @LargeJsonBody() // up to 50,000 characters of Markdown
  @ApiCreatedResponse({ type: StoryAdminView })
  @ApiProblem(409, { description: WORKFLOW_CONFLICTS })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateStoryDto): Promise<StoryAdminView> {
    return this.stories.create(user, body);
  }

  /** Edits in place, except on a PUBLISHED story: there the edit becomes a revision that needs review. */
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a story' })
  @RequirePermission('story.write')
  @LargeJsonBody()
  @ApiOkResponse({ type: StoryAdminView })
  @ApiProblem(409, { description: WORKFLOW_CONFLICTS })
  update(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: UpdateStoryDto): Promise<StoryAdminView> {
    return this.stories.update(user, params.id, body);
  }

  /**
   * The live preview of the editor: Markdown rendered and sanitised by the same code as on save
   * (stories/story-markdown.ts), so the console ships no Markdown library. Nothing is stored.
   */
  @Post('preview')
  @ApiOperation({ summary: 'Render an unsaved story as the public page will show it' })
  @RequirePermission('story.write')
  @HttpCode(HttpStatus.OK)
  @LargeJsonBody()
  @ApiOkResponse({ type: StoryPreviewView })
  preview(@Body() body: PreviewStoryDto): StoryPreviewView {
    return this.content.preview(body);
  }

  /** One cover photo (multipart field `file`): metadata and GPS stripped, WebP variants. */
  @Post(':id/cover')
  @ApiOperation({ summary: "Upload a story's cover photo" })
  @RequirePermission('story.write')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(UploadFilesInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or HEIC/HEIF' },
        alt: { type: 'string', maxLength: MAX_ALT_LENGTH },
      },
    },
  })
  @ApiOkResponse({ type: StoryAdminView })
  @ApiProblem(413, { description: 'Too large (PAYLOAD_TOO_LARGE)' })
  @ApiProblem(415, { description: 'Not a JPEG, PNG, WebP or HEIC/HEIF image (UNSUPPORTED_MEDIA_TYPE)' })
  setCover(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: StoryCoverDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
  ): Promise<StoryAdminView> {
    return this.covers.set(user, params.id, (files ?? []).map((file) => file.buffer), body.alt);
  }

  /** DRAFT (or ARCHIVED) to IN_REVIEW; on a PUBLISHED story, its revision. A story about one maker needs their usable STORY consent already here (CONSENT_REQUIRED). */
  @Post(':id/submit')
  @ApiOperation({ summary: 'Submit a story for review' })
  @RequirePermission('story.write')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StoryAdminView })
  @ApiProblem(409, { description: WORKFLOW_CONFLICTS })
  submit(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<StoryAdminView> {
    return this.review.submit(user, params.id);
  }

  /** Humas approval (regional admin of the story's Kanwil, or superadmin): publishes the story or its revision. */
  @Post(':id/approve')
  @ApiOperation({ summary: 'Approve and publish a story' })
  @RequirePermission('story.review')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StoryAdminView })
  @ApiProblem(409, { description: WORKFLOW_CONFLICTS })
  approve(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<StoryAdminView> {
    return this.review.approve(user, params.id);
  }

  /** Sends the story (or its revision) back to DRAFT with a reason the author sees. */
  @Post(':id/reject')
  @ApiOperation({ summary: 'Send a story back with a reason' })
  @RequirePermission('story.review')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StoryAdminView })
  @ApiProblem(409, { description: WORKFLOW_CONFLICTS })
  reject(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: RejectStoryDto): Promise<StoryAdminView> {
    return this.review.reject(user, params.id, body.reason);
  }

  /** Takes a PUBLISHED story off the site (ARCHIVED); it can be resubmitted later. */
  @Post(':id/unpublish')
  @ApiOperation({ summary: 'Unpublish a story' })
  @RequirePermission('story.write')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StoryAdminView })
  @ApiProblem(409, { description: WORKFLOW_CONFLICTS })
  unpublish(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<StoryAdminView> {
    return this.review.unpublish(user, params.id);
  }
}
