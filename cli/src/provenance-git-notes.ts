// `vouch provenance export --to git-notes`: Vouch's regions as a git-ai authorship log on HEAD under
// refs/notes/ai, so git-ai (and anything that reads its notes) sees the lines Vouch recorded. The only
// command that writes into the repository, and only when asked: a new commit on the notes ref, through
// isomorphic-git (git is never run). Lines must be HEAD's, so only files whose working text is HEAD's
// are exported; pastes are left out (git-ai attests AI lines only). A note on HEAD that Vouch did not
// write (git-ai's own) is never replaced.
import { join } from 'node:path';
import { clampLines } from '../../server/src/core/region-bounds';
import { readTextSafe } from '../../server/src/io/safe-read';
import { textLines } from '../../server/src/provenance-formats/claims';
import { isVouchNote, toGitAiNote, type NoteRegion } from '../../server/src/provenance-formats/git-ai-export';
import type { GitStore } from '../../server/src/provenance-formats/git-store';
import { regionLines } from '../../server/src/review/policy';
import { readProvenanceFile } from '../../server/src/scan/provenance';

const MAX_FILE_BYTES = 16_000_000;
const LISTED = 50;

export interface NotesIO {
  out(line: string): void;
  err(line: string): void;
}

/** `ref` is a full notes ref (checked by the caller). Exit: 0 written or unchanged, 1 refused. */
export async function exportGitNotes(root: string, repo: GitStore, prefix: string, ref: string, dryRun: boolean, io: NotesIO): Promise<number> {
  const head = await repo.head();
  if (!head) {
    io.out('nothing exported: the repository has no commit to attach a note to');
    return 1;
  }
  const provenance = readProvenanceFile(root);
  for (const w of provenance.warnings) io.err(`vouch: warning: ${w}`);
  const regions: NoteRegion[] = [];
  const skipped: string[] = [];
  for (const path of Object.keys(provenance.files).sort()) {
    const list = provenance.files[path];
    if (!list.length) continue;
    const read = readTextSafe(join(root, path), MAX_FILE_BYTES);
    const repoPath = prefix ? `${prefix}/${path}` : path;
    if (!read.ok) {
      skipped.push(`${path}: ${read.kind === 'missing' ? 'does not exist' : read.reason}`);
      continue;
    }
    // A note's lines are the commit's: a file changed since HEAD would put them in the wrong place.
    if ((await repo.fileAt(head, repoPath)) !== read.text) {
      skipped.push(`${path}: changed since HEAD (commit it, then export)`);
      continue;
    }
    const count = textLines(read.text).length;
    for (const region of list) {
      if (region.source === 'paste') {
        skipped.push(`${path} ${regionLines(region.range).join('-')}: a paste (git-ai attests AI lines only)`);
        continue;
      }
      regions.push({ path: repoPath, region, lines: clampLines(regionLines(region.range), count) });
    }
  }
  const files = new Set(regions.map((r) => r.path)).size;
  const what = `${regions.length} region${regions.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  const list = () => {
    if (!skipped.length) return;
    io.out(`not exported (${skipped.length}):`);
    for (const s of skipped.slice(0, LISTED)) io.out(`  ${s}`);
    if (skipped.length > LISTED) io.out(`  … and ${skipped.length - LISTED} more`);
  };
  if (!regions.length) {
    io.out(`nothing to export onto ${head.slice(0, 12)}`);
    list();
    return 0;
  }
  const text = toGitAiNote(regions, head);
  const existing = await repo.note(ref, head);
  if (existing !== undefined && existing !== text && !isVouchNote(existing)) {
    io.out(`nothing exported: ${head.slice(0, 12)} already has a note under ${ref} that Vouch did not write (git-ai's own); it is left as it is`);
    return 1;
  }
  if (existing === text) io.out(`the note on ${head.slice(0, 12)} under ${ref} already holds ${what}`);
  else if (dryRun) io.out(`would write a note on ${head.slice(0, 12)} under ${ref}: ${what} (dry run: nothing written)`);
  else {
    await repo.addNote(ref, head, text);
    io.out(`wrote a note on ${head.slice(0, 12)} under ${ref}: ${what}; share it with git push <remote> ${ref}`);
  }
  list();
  return 0;
}
