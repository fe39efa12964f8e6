import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PaymentsModule } from '../payments/payments.module.js';
import { CheckoutService } from './checkout.service.js';
import { Fulfilment } from './fulfilment.entity.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyService } from './idempotency.service.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { Order } from './order.entity.js';
import { OrdersController } from './orders.controller.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { Payment } from './payment.entity.js';
import { ShopperOrdersService } from './shopper-orders.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderItem, Fulfilment, OrderEvent, OutboxEvent, Payment, IdempotencyRecord]), PaymentsModule],
  controllers: [OrdersController],
  providers: [CheckoutService, ShopperOrdersService, IdempotencyService, IdempotencyInterceptor],
  exports: [IdempotencyService, IdempotencyInterceptor],
})
export class OrdersModule {}
