// TypeScript's compiler API for the syntax rules and the lowering, as one module-level binding. Taken
// from ts-morph's CommonJS exports, every `ts.x` in the bundle went through an export getter (a keyed
// load that V8 cannot specialise: a tenth of a dense file's fast tier); read once here, it is a plain variable.
import { ts as morph } from 'ts-morph';

export import ts = morph;
