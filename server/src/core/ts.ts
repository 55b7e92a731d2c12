// TypeScript's compiler API for the syntax rules and the lowering, as one module-level binding: the copy
// ts-morph bundles, taken from its `@ts-morph/common` (ts-morph's own module, its project API, is never
// loaded: evaluating it cost every process and thread ~25 ms at start). Taken from CommonJS exports, every
// `ts.x` in the bundle went through an export getter (a keyed load that V8 cannot specialise: a tenth of a
// dense file's fast tier); read once here, it is a plain variable.
import { getLibFiles, ts as morph } from '@ts-morph/common';

export import ts = morph;

/** TypeScript's own lib .d.ts files (name and text), for the type checker's in-memory lib. */
export const libFiles: () => ReturnType<typeof getLibFiles> = () => getLibFiles();
