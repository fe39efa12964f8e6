import request from 'supertest';
import type { App } from 'supertest/types';
import type { Product } from '../../src/catalog/product.entity';
import type { CreatedOrderView } from '../../src/orders/order.views';

export const TEST_ADDRESS = {
  recipient: 'Siti Rahmawati',
  phone: '+62 812 3456 7890',
  line1: 'Jl. Lambung Mangkurat No. 10',
  city: 'Banjarmasin',
  province: 'Kalimantan Selatan',
  postalCode: '70111',
};

export interface PlaceOrderOptions {
  method?: 'SHIPPING' | 'PICKUP';
  email?: string;
  name?: string;
}

/** Places an order through the real checkout (POST /api/v1/orders), one of each product unless told. */
export async function placeOrder(
  http: App,
  lines: readonly (Product | { product: Product; quantity: number })[],
  options: PlaceOrderOptions = {},
): Promise<CreatedOrderView> {
  const method = options.method ?? 'SHIPPING';
  const response = await request(http)
    .post('/api/v1/orders')
    .send({
      items: lines.map((line) => ('product' in line ? { productId: line.product.id, quantity: line.quantity } : { productId: line.id, quantity: 1 })),
      customer: { name: options.name ?? 'Siti Rahmawati', email: options.email ?? 'siti@example.com', phone: '+62 812 3456 7890' },
      delivery: method === 'SHIPPING' ? { method, address: TEST_ADDRESS } : { method },
    });
  if (response.status !== 201) throw new Error(`Checkout answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as CreatedOrderView;
}
