// The SDK's shape, declared so the fixture type-checks without the package.
declare class Stripe {
  constructor(key: string | undefined, options?: { apiVersion: string });
  webhooks: { constructEvent(body: string, sig: string, secret: string | undefined): unknown };
}

// expect: stripe-secret-key
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });

// ok: stripe-secret-key
export const sandbox = new Stripe('sk_test_4eC39HqLyjWDarjtT1zdp7dc', { apiVersion: '2024-06-20' });

// ok: stripe-secret-key
export const publishableKey = 'pk_live_51HqLyjWDarjtT1zdp7dcXyZ0aBcD';

// expect: stripe-secret-key
const endpointSecret = process.env.ENDPOINT_SECRET;

// ok: stripe-secret-key
export const fromEnv = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });

export function verify(body: string, sig: string) {
  return stripe.webhooks.constructEvent(body, sig, endpointSecret);
}
