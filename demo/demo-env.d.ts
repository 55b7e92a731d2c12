// What `npm install` would bring, for the editor's TypeScript only (the demo is never installed): the
// packages the demo imports and the Node.js globals it uses, typed loosely.
declare module 'node:crypto';
declare module 'jsonwebtoken';
declare module 'express';
declare module 'cors';
declare module 'cookie-parser';
declare module 'stripe';
interface Buffer extends Uint8Array { toString(encoding?: string): string }
declare const Buffer: { from(data: string | Uint8Array, encoding?: string): Buffer };
declare const process: { env: Record<string, string | undefined> };
