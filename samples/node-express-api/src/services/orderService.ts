import { query } from '../db';
import { CreateOrderInput, Order, Product } from '../types';
import { calculateTotal } from './pricing';
import { notifyCallback } from './webhook';

export async function listOrders(status?: string, sort = 'created_at'): Promise<Order[]> {
  if (status) {
    return query<Order>(`SELECT * FROM orders WHERE status = '${status}' ORDER BY ${sort} DESC`);
  }
  return query<Order>(`SELECT * FROM orders ORDER BY ${sort} DESC LIMIT 100`);
}

export async function getOrder(id: number) {
  const orders = await query<Order>('SELECT * FROM orders WHERE id = $1', [id]);
  if (orders.length === 0) return null;
  const items = await query('SELECT * FROM order_items WHERE order_id = $1', [id]);
  return { ...orders[0], items };
}

export async function createOrder(input: CreateOrderInput): Promise<Order> {
  const products: Product[] = [];
  for (const item of input.items) {
    const rows = await query<Product>('SELECT * FROM products WHERE id = $1', [item.productId]);
    if (rows.length === 0) {
      throw new Error(`product ${item.productId} not found`);
    }
    products.push(rows[0]);
  }

  const total = calculateTotal(
    input.items.map((item, i) => ({ quantity: item.quantity, unitPriceCents: products[i].price_cents })),
  );

  const [order] = await query<Order>(
    'INSERT INTO orders (customer_id, status, total_cents, callback_url) VALUES ($1, $2, $3, $4) RETURNING *',
    [input.customerId, 'pending', total, input.callbackUrl ?? null],
  );

  for (let i = 0; i < input.items.length; i++) {
    const item = input.items[i];
    await query(
      'INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4)',
      [order.id, item.productId, item.quantity, products[i].price_cents],
    );
    await query('UPDATE products SET stock = stock - $1 WHERE id = $2', [item.quantity, item.productId]);
  }

  if (order.callback_url) {
    notifyCallback(order.callback_url, { event: 'order.created', order });
  }

  return order;
}

export async function cancelOrder(id: number): Promise<Order | null> {
  const [order] = await query<Order>("UPDATE orders SET status = 'cancelled' WHERE id = $1 RETURNING *", [id]);
  if (!order) return null;

  const items = await query<{ product_id: number; quantity: number }>(
    'SELECT product_id, quantity FROM order_items WHERE order_id = $1',
    [id],
  );
  for (const item of items) {
    await query('UPDATE products SET stock = stock + $1 WHERE id = $2', [item.quantity, item.product_id]);
  }

  if (order.callback_url) {
    notifyCallback(order.callback_url, { event: 'order.cancelled', order });
  }
  return order;
}
