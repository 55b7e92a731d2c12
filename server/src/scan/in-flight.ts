// The files of a scan whose slow tiers overlap (so registry look-ups run together) each hold their
// parse and analysis while they wait. Eight at a time is nothing for average files, but four of the
// bench's 1–1.5 MB bundles of three.js in flight together held 170 MB live (one at a time: 90 MB), and
// the heap, and so the peak RSS, is sized from that. A file enters when the characters in flight and
// its own fit the budget, in walk order; a file alone always enters, however large.

export const MAX_IN_FLIGHT_CHARS = 1_000_000;

export class InFlight {
  private chars = 0;
  private files = 0;
  private readonly waiting: Array<{ chars: number; enter: () => void }> = [];

  constructor(readonly limit = MAX_IN_FLIGHT_CHARS) {}

  /** Resolves when a text of `chars` characters may be analysed, with the function that says it is done. */
  enter(chars: number): Promise<() => void> {
    return new Promise((entered) => {
      this.waiting.push({ chars, enter: () => entered(this.leaver(chars)) });
      this.admit();
    });
  }

  get inFlight(): { files: number; chars: number } {
    return { files: this.files, chars: this.chars };
  }

  private admit(): void {
    while (this.waiting.length) {
      const next = this.waiting[0];
      if (this.files > 0 && this.chars + next.chars > this.limit) return;
      this.waiting.shift();
      this.files++;
      this.chars += next.chars;
      next.enter();
    }
  }

  private leaver(chars: number): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.files--;
      this.chars -= chars;
      this.admit();
    };
  }
}
