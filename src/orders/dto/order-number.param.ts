import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class OrderNumberParam {
  @ApiProperty({ example: 'ETL-2026-000123' })
  @Matches(/^ETL-\d{4}-\d{6,12}$/, { message: 'must be an order number like ETL-2026-000123' })
  number!: string;
}
