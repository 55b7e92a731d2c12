// Quick fixes for dependency findings: rename a near-miss name (in the file and in the manifest that
// declares it) and add an undeclared import to the nearest manifest at the installed or latest version.
import type { AsyncDetectorContext, Fix, OffsetEdit } from '../../../core/types';
import type { Collected, Located } from './collect';
import { addNpmDependency } from './manifest-npm';
import { IMPORT_TO_DISTRIBUTION, normalizePypi } from './python-import-names';

/** The name to write in a Python `import` for a distribution (`python-dateutil` → `dateutil`). */
function importNameFor(dist: string): string | undefined {
  const key = Object.keys(IMPORT_TO_DISTRIBUTION).find((k) => !k.includes('.') && normalizePypi(IMPORT_TO_DISTRIBUTION[k]) === normalizePypi(dist));
  if (key) return key;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(dist) ? dist.toLowerCase() : undefined;
}

export function renameFix(r: Located, to: string): Fix | undefined {
  const edits: OffsetEdit[] = [];
  if (r.kind === 'import' && r.ecosystem === 'pypi') {
    const name = r.mapped ? undefined : importNameFor(to);
    if (!name) return undefined;
    edits.push({ start: r.start, end: r.end, newText: name });
  } else edits.push({ start: r.start, end: r.end, newText: to });
  const fileEdits = r.kind === 'import' && r.declared ? [{ file: r.declared.file, edits: [{ start: r.declared.start, end: r.declared.end, newText: to }] }] : undefined;
  const where = fileEdits ? ` here and in ${r.declared!.file}` : '';
  // The likely intent, not a certainty: a suggestion the person picks, never applied for them.
  return { title: `Vouch: Replace with \`${to}\`${where}`, edits, fileEdits, suggestion: true };
}

function pythonAddEdit(c: Collected, name: string, version: string): { file: string; edit: OffsetEdit } | undefined {
  const manifests = c.py?.manifests ?? [];
  const req = manifests.find((m) => /requirements[\w.-]*\.txt$/.test(m.path) && !/dev|test|doc/i.test(m.path.slice(m.path.lastIndexOf('/'))));
  if (req) {
    const sep = req.text && !req.text.endsWith('\n') ? '\n' : '';
    return { file: req.path, edit: { start: req.text.length, end: req.text.length, newText: `${sep}${name}>=${version}\n` } };
  }
  const py = manifests.find((m) => m.path.endsWith('pyproject.toml'));
  const lastDep = py?.entries.filter((e) => e.section === 'project').pop();
  if (py && lastDep) {
    const close = py.text.slice(lastDep.end).search(/["']/);
    if (close < 0) return undefined;
    const at = lastDep.end + close + 1;
    return { file: py.path, edit: { start: at, end: at, newText: `, "${name}>=${version}"` } };
  }
  return undefined;
}

export function addDependencyFix(ctx: AsyncDetectorContext, c: Collected, r: Located, version: string): Fix | undefined {
  if (r.ecosystem === 'npm') {
    const nearest = c.npm?.manifests[0];
    if (!nearest) return undefined;
    const section = ctx.isTestFile || r.typeOnly ? 'devDependencies' : 'dependencies';
    const edit = addNpmDependency(nearest.text, nearest.manifest, section, r.name, version);
    if (!edit) return undefined;
    return { title: `Vouch: Add ${r.name}@^${version} to ${section} in ${nearest.path}`, edits: [], fileEdits: [{ file: nearest.path, edits: [edit] }] };
  }
  const add = pythonAddEdit(c, r.name, version);
  if (!add) return undefined;
  return { title: `Vouch: Add ${r.name}>=${version} to ${add.file}`, edits: [], fileEdits: [{ file: add.file, edits: [add.edit] }] };
}
