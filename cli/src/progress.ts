// A one-line progress indicator for terminals; silent when not a TTY (CI logs stay clean).
export class Progress {
  private last = 0;
  constructor(private readonly out: NodeJS.WriteStream, private readonly enabled: boolean) {}

  update(done: number, total: number, path: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 80 && done < total) return;
    this.last = now;
    const width = Math.max(20, (this.out.columns ?? 80) - 30);
    const name = path.length > width ? '…' + path.slice(-(width - 1)) : path;
    this.out.write(`\r\x1b[2K[${done}/${total}] ${name}`);
  }

  done(): void {
    if (this.enabled) this.out.write('\r\x1b[2K');
  }
}
