declare function createClient(options: { clientSecret: string }): unknown;

interface Credentials {
  // ok: generic-secret-assignment
  password: string;
}

export class PaymentsClient {
  // expect: generic-secret-assignment
  private readonly apiKey = 'ybh22t49UwGBBGTtd9ocrkZe1JTwDsFB';
  // ok: generic-secret-assignment
  private readonly secretName = 'payments/prod/api-key';

  headers(): Record<string, string> {
    return {
      // expect: generic-secret-assignment
      Authorization: `Bearer f523409ef3e35ca2ab2e21c6244c254adab76c2a`,
      // ok: generic-secret-assignment
      'Content-Type': 'application/json',
    };
  }
}

// expect: generic-secret-assignment
export function connect(clientSecret = 'StWIwW04TpTMgFA6BBuTxkWvSeGmDnGn') {
  return createClient({ clientSecret });
}

// ok: generic-secret-assignment
export const TOKEN_HEADER = 'x-api-token';
// ok: generic-secret-assignment
export const accessToken: string = process.env.ACCESS_TOKEN ?? '';
