// The keyword prefilter in one pass: which of the detectors' keywords a text contains, ignoring ASCII
// case. The engine asks for about 250 keywords per run; a separate `includes` per keyword read a
// 1,000-line file about 250 times (1–1.5 ms an edit, the largest single cost of a small edit). An
// Aho–Corasick automaton (one table per engine, built once) reads it once.
//
// Rules:
// - A keyword is found when it occurs anywhere in the text, overlapping others or not ("pass" and
//   "password" are both found in "password").
// - Case: ASCII letters match either case; any other character only itself. Keywords are lower case
//   (the prefilter's convention); one with an upper-case letter can never be found and is refused.
// - Keywords are ASCII (refused otherwise): the table has 128 columns and any other character sends
//   the automaton back to its root.
// - The empty keyword is refused (it would be "found" in every text and hide a mistake).

const WIDTH = 128;

export class KeywordSet {
  /** Per keyword its index, for callers that ask by name. */
  private readonly ids = new Map<string, number>();
  /** `next[state * WIDTH + c]`: the state after reading character code `c` (lower-cased) in `state`. */
  private readonly next: Int32Array;
  /** Per state, the keywords that end there, its own and those of its suffixes (empty for most). */
  private readonly outputs: ReadonlyArray<readonly number[]>;

  constructor(keywords: Iterable<string>) {
    const goto: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    for (const k of keywords) {
      if (this.ids.has(k)) continue;
      if (!k || !/^[\x00-\x7f]*$/.test(k) || k !== k.toLowerCase()) throw new Error(`keyword ${JSON.stringify(k)} must be non-empty, ASCII and lower case`);
      const id = this.ids.size;
      this.ids.set(k, id);
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        let t = goto[s].get(c);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s].set(c, t);
        }
        s = t;
      }
      own[s].push(id);
    }
    // Breadth first: each state's failure link is to a shorter state, already complete.
    const next = new Int32Array(goto.length * WIDTH);
    const outputs: number[][] = own.map((o) => [...o]);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let c = 0; c < WIDTH; c++) {
      const t = goto[0].get(c) ?? 0;
      next[c] = t;
      if (t) queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      outputs[s].push(...outputs[fail[s]]);
      for (let c = 0; c < WIDTH; c++) {
        const t = goto[s].get(c);
        if (t === undefined) {
          next[s * WIDTH + c] = next[fail[s] * WIDTH + c];
        } else {
          fail[t] = next[fail[s] * WIDTH + c];
          next[s * WIDTH + c] = t;
          queue.push(t);
        }
      }
    }
    this.next = next;
    this.outputs = outputs;
  }

  get size(): number {
    return this.ids.size;
  }

  /** The keywords `text` contains, as a predicate; a keyword this set was not built with is looked for directly. */
  scan(text: string): (keyword: string) => boolean {
    const found = new Uint8Array(this.ids.size);
    const { next, outputs } = this;
    let s = 0;
    const n = this.ids.size ? text.length : 0;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c >= WIDTH) {
        s = 0;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      s = next[s * WIDTH + c];
      const out = outputs[s];
      for (let j = 0; j < out.length; j++) found[out[j]] = 1;
    }
    let lower: string | undefined;
    return (keyword) => {
      const id = this.ids.get(keyword);
      if (id !== undefined) return found[id] === 1;
      return (lower ??= text.toLowerCase()).includes(keyword);
    };
  }
}
