import crypto from 'crypto';
import express from 'express';
import bcrypt from 'bcrypt';

const router = express.Router();

function makeDigest(value) {
  // expect: weak-password-hash
  return crypto.createHash('md5').update(value).digest('hex');
}

function fingerprint(data) {
  // ok: weak-password-hash
  return crypto.createHash('sha1').update(data).digest('hex');
}

router.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  const user = await User.create({ email, secret: makeDigest(password) });
  res.status(201).json({ id: user.id });
});

router.post('/reset', async (req, res) => {
  const raw = crypto.randomBytes(32).toString('hex');
  // ok: weak-password-hash
  const stored = crypto.createHash('sha256').update(raw).digest('hex');
  await Reset.create({ email: req.body.email, tokenHash: stored });
  res.json({ sent: true });
});

router.post('/change', async (req, res) => {
  const next = req.body.newPassword;
  const strong = await bcrypt.hash(next, 12);
  await User.update({ password: strong }, { where: { id: req.user.id } });
  res.json({ ok: true, etag: fingerprint(Buffer.from(req.user.id)) });
});

export default router;
