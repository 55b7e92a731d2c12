const mongoose = require('mongoose');

const userSchema = new mongoose.Schema({ email: String, name: String });
const User = mongoose.model('User', userSchema);

async function purgeInactive() {
  // expect: removed-package-api
  await User.update({ active: false }, { $set: { purged: true } });
  // expect: removed-package-api
  User.find({ active: false }, (err, docs) => docs);
  // ok: removed-package-api
  return User.updateMany({ active: false }, { $set: { purged: true } });
}

module.exports = User;
module.exports.purgeInactive = purgeInactive;
