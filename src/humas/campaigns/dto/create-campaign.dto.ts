import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { Trim } from '../../../common/validation/trim.js';
import { CAMPAIGN_GOALS, type CampaignGoal, MAX_FEATURED } from '../campaign.types.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The scope is not a field: it follows the creator's role (facility, Kanwil or nation). */
export class CreateCampaignDto {
  @ApiProperty({ example: 'Bazar HUT Pemasyarakatan 2027', minLength: 3, maxLength: 120 })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ format: 'date', example: '2027-04-01', description: 'First day (WIB), inclusive' })
  @IsString()
  @Matches(DAY, { message: 'must be a date like 2027-04-01' })
  @IsISO8601({ strict: true })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2027-04-30', description: 'Last day (WIB), inclusive; not before startsOn' })
  @IsString()
  @Matches(DAY, { message: 'must be a date like 2027-04-30' })
  @IsISO8601({ strict: true })
  endsOn!: string;

  @ApiProperty({ enum: CAMPAIGN_GOALS, description: 'What the campaign is judged by: showcase visits or orders' })
  @IsIn(CAMPAIGN_GOALS)
  goal!: CampaignGoal;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_FEATURED, description: 'Featured products, within the campaign\'s scope' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_FEATURED)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_FEATURED, description: 'Featured stories, within the campaign\'s scope' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_FEATURED)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  storyIds?: string[];
}
