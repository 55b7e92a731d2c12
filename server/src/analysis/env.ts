// Variable environments of the flow analysis: one per analysed function (its parent is the closure's
// environment), plus overlays for branches that are joined back where the branches meet.
import type { Binding } from './ir';
import { join, type Value } from './values';

export class Env {
  private readonly vals = new Map<number, Value>();
  /** Inputs (origin keys) checked by a guard: cleaned wherever they flowed (`u = urlparse(url)`; checking `u.hostname` clears `url`). */
  private readonly checked = new Set<string>();

  constructor(readonly parent: Env | null) {}

  /** A parameter's field is checked with the parameter (`param:12:data` with `param:12:`). */
  isChecked(key: string): boolean {
    for (let e: Env | null = this; e; e = e.parent) if (e.checked.has(key)) return true;
    const cut = key.lastIndexOf('.');
    const head = cut > key.lastIndexOf(':') ? key.slice(0, cut) : key.endsWith(':') ? undefined : key.slice(0, key.lastIndexOf(':') + 1);
    return head !== undefined && this.isChecked(head);
  }

  check(keys: Iterable<string>): void {
    for (const k of keys) this.checked.add(k);
  }

  get(b: Binding): Value | undefined {
    for (let e: Env | null = this; e; e = e.parent) {
      const v = e.vals.get(b.id);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  set(b: Binding, v: Value): void {
    this.vals.set(b.id, v);
  }

  /**
   * The module scope of the last version's walk as this one's start (reuse.ts): its values, when it holds no
   * checks (their keys name positions an edit may have moved). False, and nothing copied, otherwise.
   */
  seedFrom(last: Env): boolean {
    if (last.checked.size) return false;
    for (const [id, v] of last.vals) this.vals.set(id, v);
    return true;
  }

  /** A branch: reads fall through to this environment, writes stay in the branch until merged. */
  overlay(): Env {
    return new Env(this);
  }

  /** Writes the branches' values back: joined where both branches ran, as-is where only one survives. */
  merge(branches: Env[], bindings: (id: number) => Binding | undefined): void {
    // Checked in every branch: checked after them.
    for (const k of branches[0]?.checked ?? []) if (branches.every((b) => b.checked.has(k))) this.checked.add(k);
    const ids = new Set<number>();
    for (const br of branches) for (const id of br.vals.keys()) ids.add(id);
    for (const id of ids) {
      const b = bindings(id);
      if (!b) continue;
      const base = this.get(b);
      this.vals.set(id, join(...branches.map((br) => br.vals.get(id) ?? base)));
    }
  }

  /**
   * A branch's state as it leaves an `if`: its writes over the test's `layer` (the checks the test made), in an
   * overlay of this environment. `branchOnly`: both branches go on, so a request's fields the test checked
   * (`if (isSafe(req.path)) { … }`) were checked in the branches only; the request as it was before the `if`
   * (with the fields checked then, `if (!/^[\w/-]+$/.test(req.path)) return;`) meets the branches' own writes.
   */
  after(layer: Env, branch: Env, branchOnly: boolean): Env {
    const out = this.overlay();
    out.adopt(layer, branchOnly ? (v) => !v.object : undefined);
    out.adopt(branch);
    return out;
  }

  /** Replace with the single surviving branch's writes (`keep`: only the values it accepts). */
  adopt(branch: Env, keep?: (v: Value) => boolean): void {
    for (const [id, v] of branch.vals) if (!keep || keep(v)) this.vals.set(id, v);
    for (const k of branch.checked) this.checked.add(k);
  }
}
