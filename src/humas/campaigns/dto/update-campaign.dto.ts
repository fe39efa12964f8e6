import { PartialType } from '@nestjs/swagger';
import { NoDefaults } from '../../../common/openapi/no-defaults.js';
import { CreateCampaignDto } from './create-campaign.dto.js';

/** Any field of the campaign; the scope never changes. A list given replaces the list. */
export class UpdateCampaignDto extends NoDefaults(PartialType(CreateCampaignDto)) {}
