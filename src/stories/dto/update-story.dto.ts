import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateStoryDto } from './create-story.dto.js';
import { NoDefaults } from '../../common/openapi/no-defaults.js';

/** Any subset of the content; on a published story the change becomes a revision awaiting review. */
export class UpdateStoryDto extends NoDefaults(PartialType(OmitType(CreateStoryDto, ['facilityId'] as const), { skipNullProperties: false })) {}
