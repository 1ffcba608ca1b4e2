export interface OrderItemInput {
  productId: number;
  quantity: number;
}

export interface CreateOrderInput {
  customerId: number;
  items: OrderItemInput[];
  callbackUrl?: string;
}

export interface Order {
  id: number;
  customer_id: number;
  status: string;
  total_cents: number;
  callback_url: string | null;
  created_at: string;
}

export interface Product {
  id: number;
  sku: string;
  name: string;
  price_cents: number;
  stock: number;
}
