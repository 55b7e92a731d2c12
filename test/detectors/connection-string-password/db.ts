declare class Pool {
  constructor(options: { connectionString: string });
}

// expect: connection-string-password
export const pool = new Pool({ connectionString: 'postgres://api:Qm8vT2xR5kLp@db.internal:5432/api' });

// ok: connection-string-password
export const fromEnv = new Pool({ connectionString: `postgres://api:${process.env.DB_PASSWORD}@db.internal:5432/api` });

// ok: connection-string-password
export const placeholder = 'postgres://user:password@localhost:5432/mydb';
