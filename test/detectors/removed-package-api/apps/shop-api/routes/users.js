const express = require('express');
const User = require('../models/user');

const router = express.Router();

router.get('/:id', async (req, res) => {
  // expect: removed-package-api
  const id = req.param('id');
  const user = await User.findById(id);
  // expect: removed-package-api
  if (!user) return res.send(404, 'Not found');
  // ok: removed-package-api
  res.status(200).json(user);
});

router.get('/', function (req, res) {
  // ok: removed-package-api
  const page = Number(req.query.page) || 1;
  // expect: removed-package-api
  if (!req.acceptsLanguage('en')) return res.sendStatus(406);
  // ok: removed-package-api
  res.json({ page });
});

function removeUser(req, res) {
  // expect: removed-package-api
  User.remove({ _id: req.params.id }).then(() => res.json({ ok: true }));
}
// ok: removed-package-api
router.delete('/:id', removeUser);

module.exports = router;
