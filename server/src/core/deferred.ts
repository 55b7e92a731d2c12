// A module-level object made on its first use, for values read out of TypeScript's module, which the
// bundles load only when something reads `ts` (esbuild.mjs, lazy-typescript): a process or thread that
// meets no JS/TS file never evaluates it. Written `export let SK = deferred(() => ({ … }), (v) => (SK = v));`:
// - the binding starts as a stand-in; the first property read, `in` or key listing through it makes the
//   value and hands it to `settle`, which replaces the binding;
// - ES module bindings are live, so every later read, an importer's too, is the plain value: hot code
//   that reads it (a `switch` over syntax kinds) runs as fast as with a constant made at start;
// - a copy taken before the first use (`const k = SK`) stays the stand-in: read the binding itself.
export function deferred<T extends object>(make: () => T, settle: (value: T) => void): T {
  let value: T | undefined;
  const real = (): T => {
    if (value === undefined) {
      value = make();
      settle(value);
    }
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // The stand-in's own target is empty and extensible: a property it reports must be configurable.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
  });
}
