import { ApiProperty } from '@nestjs/swagger';
import { STOCK_MOVEMENT_REASONS, StockMovementReason } from './catalog.types.js';
import type { StockMovement } from './stock-movement.entity.js';

export class StockMovementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Change of the available stock (negative: units taken)' }) delta!: number;
  @ApiProperty({ description: 'Units concerned (a sale commits units already reserved: delta 0)' }) quantity!: number;
  @ApiProperty({ enum: STOCK_MOVEMENT_REASONS }) reason!: StockMovementReason;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orderId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The admin who made the change' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toStockMovementView(movement: StockMovement): StockMovementView {
  return {
    id: movement.id,
    delta: movement.delta,
    quantity: movement.quantity,
    reason: movement.reason,
    orderId: movement.orderId,
    actorId: movement.actorId,
    note: movement.note,
    createdAt: movement.createdAt.toISOString(),
  };
}
