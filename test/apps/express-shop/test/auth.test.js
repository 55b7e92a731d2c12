// API tests for sign-up and login (run against a throwaway Postgres in CI).
const request = require('supertest');
const jwt = require('jsonwebtoken');
const { expect } = require('chai');
const app = require('../app');
const { sequelize, User } = require('../db');

const TEST_PASSWORD = 'correct-horse-battery';

describe('auth', () => {
  before(async () => {
    await sequelize.sync({ force: true });
  });

  it('registers and logs in', async () => {
    // ok: generic-secret-assignment
    await request(app).post('/api/auth/register').send({ email: 'a@example.com', password: TEST_PASSWORD, name: 'A' }).expect(201);
    const res = await request(app).post('/api/auth/login').send({ email: 'a@example.com', password: TEST_PASSWORD }).expect(200);
    expect(res.body.token).to.be.a('string');
  });

  it('rejects a forged token', async () => {
    // ok: hardcoded-secret-in-sink
    const forged = jwt.sign({ sub: 1, role: 'admin' }, 'not-the-real-secret');
    await request(app).get('/api/orders').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('stores a bcrypt hash, not the password', async () => {
    const user = await User.findOne({ where: { email: 'a@example.com' } });
    // ok: hardcoded-credential-comparison, plaintext-password
    expect(user.password === TEST_PASSWORD).to.equal(false);
  });
});
