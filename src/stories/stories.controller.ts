import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { SlugParam } from '../common/validation/params.js';
import { StoryCardView } from '../facilities/story-card.view.js';
import { ListStoriesDto } from './dto/list-stories.dto.js';
import { StoriesService } from './stories.service.js';
import { StoryView } from './story.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

@ApiTags('stories')
@Public()
@ApiKeyOptional()
@Controller('stories')
export class StoriesController {
  constructor(private readonly stories: StoriesService) {}

  /** Published stories, newest first; filter by facility, product, tag or programme. */
  @Get()
  @ApiOperation({ summary: 'List published stories' })
  @PublicCache(60)
  @ApiPage(StoryCardView)
  list(@Query() query: ListStoriesDto): Promise<Page<StoryCardView>> {
    return this.stories.list(query);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'Get a published story by slug' })
  @PublicCache(60)
  @ApiOkResponse({ type: StoryView })
  @ApiProblem(404, { description: 'No published story with this slug (NOT_FOUND)' })
  get(@Param() params: SlugParam): Promise<StoryView> {
    return this.stories.get(params.slug);
  }
}
