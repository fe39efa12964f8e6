import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { SHARE_CHANNELS, type ShareChannel } from '../../humas/links/share-links.service.js';

/** A campaign and channel to share through: both, or neither for the plain page link. */
export class ShareKitQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A campaign in your scope: the caption then carries its tracked link (needs channel); the product or story must be in the campaign's scope" })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: SHARE_CHANNELS, description: 'Where it will be posted (needs campaignId); the link for this campaign, channel and page is reused, or made once' })
  @IsOptional()
  @IsIn(SHARE_CHANNELS)
  channel?: ShareChannel;
}
