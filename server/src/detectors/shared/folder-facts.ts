// A question about every source file of a folder (a package): does any of them alias this scope, load this
// module? Asked once per import, answered once per listing where the workspace index memoises it
// (`WorkspaceIndex.folderFacts`), else walked through `derived` (the editor report's recording index, which
// must see each file it depends on).
import { factsUnder, type WorkspaceIndex } from '../../core/services';

export function folderFacts<T, R>(ws: WorkspaceIndex, dir: string, key: object, accept: RegExp, derive: (text: string, path: string) => T, combine: (facts: ReadonlyArray<readonly [string, T]>) => R): R | undefined {
  if (ws.folderFacts) return ws.folderFacts(dir, key, accept, derive, combine);
  const files = ws.files?.();
  return files ? combine(factsUnder(files, dir, accept, (f) => ws.derived(f, key, derive))) : undefined;
}
