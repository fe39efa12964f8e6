import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LINK_TARGETS, type LinkTarget, SHARE_CHANNELS, type ShareChannel } from '../../campaigns/campaign.types.js';

export class CreateLinkDto {
  @ApiProperty({ enum: SHARE_CHANNELS, description: 'Where the link will be shared; PRINT for QR codes on posters and cards' })
  @IsIn(SHARE_CHANNELS)
  channel!: ShareChannel;

  @ApiProperty({ enum: LINK_TARGETS, description: 'The page the link opens' })
  @IsIn(LINK_TARGETS)
  targetKind!: LinkTarget;

  @ApiPropertyOptional({ format: 'uuid', description: "The product, story or facility (within the campaign's scope); not for HOME" })
  @IsOptional()
  @IsUUID()
  targetId?: string;
}

export class QrQueryDto {
  @ApiPropertyOptional({ enum: ['svg', 'png'], default: 'svg' })
  @IsOptional()
  @IsIn(['svg', 'png'])
  format?: 'svg' | 'png';
}
