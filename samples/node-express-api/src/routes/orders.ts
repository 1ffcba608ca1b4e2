import { Router } from 'express';
import { cancelOrder, createOrder, getOrder, listOrders } from '../services/orderService';

const router = Router();

router.get('/', async (req, res) => {
  try {
    const orders = await listOrders(req.query.status as string | undefined, req.query.sort as string | undefined);
    res.json(orders);
  } catch (err: any) {
    console.log(err);
    res.status(500).json({ error: err.message });
  }
});

router.get('/:id', async (req, res) => {
  try {
    const order = await getOrder(Number(req.params.id));
    if (!order) return res.status(404).json({ error: 'not found' });
    res.json(order);
  } catch (err: any) {
    console.log(err);
    res.status(500).json({ error: err.message });
  }
});

router.post('/', async (req, res) => {
  try {
    const order = await createOrder(req.body);
    console.log('created order', order.id, 'for customer', req.body.customerId);
    res.status(201).json(order);
  } catch (err: any) {
    console.log(err);
    res.status(500).json({ error: err.message, stack: err.stack });
  }
});

router.post('/:id/cancel', async (req, res) => {
  try {
    const order = await cancelOrder(Number(req.params.id));
    if (!order) return res.status(404).json({ error: 'not found' });
    res.json(order);
  } catch (err: any) {
    console.log(err);
    res.status(500).json({ error: err.message });
  }
});

export default router;
