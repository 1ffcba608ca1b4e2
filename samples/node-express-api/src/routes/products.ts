import { Router } from 'express';
import { query } from '../db';
import { Product } from '../types';

const router = Router();

router.get('/', async (_req, res) => {
  const products = await query<Product>('SELECT * FROM products ORDER BY id');
  res.json(products);
});

router.post('/', async (req, res) => {
  const { sku, name, priceCents, stock } = req.body;
  const [product] = await query<Product>(
    'INSERT INTO products (sku, name, price_cents, stock) VALUES ($1, $2, $3, $4) RETURNING *',
    [sku, name, priceCents, stock ?? 0],
  );
  res.status(201).json(product);
});

export default router;
