// Test files are analysed too, at low confidence: a real key in a test is still a leaked key.
const { PaymentsClient } = require('../src/client');

describe('payments', () => {
  it('sends the key', () => {
    // expect: generic-secret-assignment
    const apiKey = 'gROVYKnDcIFoZ5jTfBv9M4Tzj3usI5a7';
    // ok: generic-secret-assignment
    const password = 'fake-password-for-tests';
    expect(new PaymentsClient(apiKey, password)).toBeDefined();
  });
});
