import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { STORY_STATUSES, type StoryStatus } from '../story.types.js';

export class ListAdminStoriesDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ enum: STORY_STATUSES })
  @IsOptional()
  @IsIn(STORY_STATUSES)
  status?: StoryStatus;

  @ApiPropertyOptional({ description: 'Only stories (or revisions) waiting for review' })
  @IsOptional()
  @IsIn(['true', 'false'])
  awaitingReview?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Only stories (or revisions) review sent back with a comment and not yet resubmitted' })
  @IsOptional()
  @IsIn(['true', 'false'])
  sentBack?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Matches the title (live or pending revision)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
