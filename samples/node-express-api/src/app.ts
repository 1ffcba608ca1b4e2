import express from 'express';
import cors from 'cors';
import ordersRouter from './routes/orders';
import productsRouter from './routes/products';

const app = express();

app.use(cors());
app.use(express.json());

app.use((req, _res, next) => {
  console.log(`${req.method} ${req.url}`, req.body);
  next();
});

app.get('/', (_req, res) => {
  res.send('ok');
});

app.use('/orders', ordersRouter);
app.use('/products', productsRouter);

export default app;
