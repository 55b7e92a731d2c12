// Fact `lines`: the file's line index, built once per file version for every rule that names lines in
// its messages ("reaches `db.query`, line 19"); counting newlines per message cost a scan of the text
// each time (half a millisecond per edit on a handler file with forty flows).
import { LineIndex } from '../../core/text';
import type { DetectorContext, Fact } from '../../core/types';

export const lines: Fact<LineIndex> = {
  id: 'lines',
  compute: (ctx) => new LineIndex(ctx.text),
};

/** 1-based line of an offset in the run's text. */
export function lineOf(ctx: DetectorContext, offset: number): number {
  const index = ctx.get(lines);
  return (index ? index.positionAt(offset).line : ctx.text.slice(0, offset).split('\n').length - 1) + 1;
}
