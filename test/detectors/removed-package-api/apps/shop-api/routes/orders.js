import { Router } from 'express';
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ total: Number, status: String }));
const router = Router();

router.post('/', (req, res) => {
  const order = new Order(req.body);
  // expect: removed-package-api
  order.save(function (err, saved) {
    // expect: removed-package-api
    if (err) return res.json(400, { error: err.message });
    // ok: removed-package-api
    res.status(201).json(saved);
  });
});

router.get('/', async (req, res) => {
  // expect: removed-package-api
  const n = await Order.count({ status: 'open' });
  // ok: removed-package-api
  const open = await Order.find({ status: 'open' }).lean();
  res.json({ n, open });
});

router.delete('/:id', async (req, res) => {
  // expect: removed-package-api
  await Order.findByIdAndRemove(req.params.id);
  // expect: removed-package-api
  await Order.remove({ parent: req.params.id });
  // ok: removed-package-api
  await Order.deleteMany({ parent: req.params.id });
  res.sendStatus(204);
});

export default router;
