import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { IdParam } from '../../common/validation/params.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../webhook.types.js';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://toko.example/webhooks/etalase', description: 'In production: https to a public host name or address (no local names, private, loopback or tunnelled private addresses); 400 VALIDATION_FAILED otherwise' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, maxItems: WEBHOOK_EVENTS.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: WebhookEvent[];
}

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  @ApiPropertyOptional({ description: 'true re-enables a disabled endpoint (and clears its failure count)' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class WebhookParams extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  webhookId!: string;
}

export class DeliveryParams extends WebhookParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  deliveryId!: string;
}

export class ListDeliveriesDto extends PageQueryDto {}
