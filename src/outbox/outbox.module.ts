import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox-event.entity.js';
import { Outbox } from './outbox.js';

/** Transactional domain events, for every feature that announces or listens. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [Outbox],
  exports: [Outbox],
})
export class OutboxModule {}
