// Token and password helpers for the Acme Orders API.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface Session {
  userId: string;
  role: 'customer' | 'admin';
}

/** Reads the session from the Authorization header. */
export function sessionFrom(authorization: string): Session {
  const token = authorization.replace(/^Bearer /, '');
  return jwt.decode(token) as Session;
}

/** A password-reset token mailed to the user. */
export function resetToken(): string {
  return Math.random().toString(36).slice(2);
}

export function hashPassword(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex');
}

// Clean: a checksum of an uploaded file, not a password.
export function fileChecksum(data: Buffer): string {
  return crypto.createHash('md5').update(data).digest('hex');
}

// Clean: only the prefix of the token is logged.
export function describeToken(token: string): void {
  console.log('issued token', `${token.slice(0, 4)}…`, { length: token.length });
}
