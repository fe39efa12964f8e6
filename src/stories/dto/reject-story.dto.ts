import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.js';

export class RejectStoryDto {
  @ApiProperty({ example: 'Wajah warga binaan terlihat jelas di foto sampul; mohon ganti.', minLength: 3, maxLength: 1000 })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}
