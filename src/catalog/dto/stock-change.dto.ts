import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Exactly one of `set` and `delta`. */
export class StockChangeDto {
  @ApiPropertyOptional({ description: 'New absolute stock', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  set?: number;

  @ApiPropertyOptional({ description: 'Change relative to the current stock (may be negative; never below zero)' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  delta?: number;

  @ApiPropertyOptional({ description: 'Why, for the audit log (e.g. "harvest 12 Nov", "stock count")' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}
