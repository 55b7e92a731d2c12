// Fixture for the panel's order: three warnings in one family, then the file's only error, last.
// The key is a random fake in the shape the rule looks for.
const resetToken = Math.random().toString(36);
const sessionToken = Math.random().toString(36);
const inviteToken = Math.random().toString(36);
const key = "AKIAZ3MSJV2KD7QX4N5P";
module.exports = { resetToken, sessionToken, inviteToken, key };
