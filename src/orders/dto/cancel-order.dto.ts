import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.js';

export class CancelOrderDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Salah pilih ukuran' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
