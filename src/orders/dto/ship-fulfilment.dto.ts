import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { COURIERS, Courier } from '../../facilities/facility.types.js';
import { Trim } from '../../common/validation/trim.js';

export class ShipFulfilmentDto {
  @ApiProperty({ enum: COURIERS, description: 'One of the couriers the facility offers' })
  @IsIn(COURIERS)
  courier!: Courier;

  @ApiProperty({ example: 'JNE-0123456789', minLength: 4, maxLength: 40, description: 'The resi: letters, digits and hyphens' })
  @Trim()
  @IsString()
  @Length(4, 40)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'may contain only letters, digits and hyphens' })
  trackingNumber!: string;
}
