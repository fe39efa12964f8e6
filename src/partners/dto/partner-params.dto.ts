import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IdParam } from '../../common/validation/params.js';

export class ApiKeyParams extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  keyId!: string;
}
