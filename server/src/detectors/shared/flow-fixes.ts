// Mechanical fixes for flow findings, offered only where the rewrite keeps the code's meaning:
// parameterise a query built by concatenation, run a command without a shell, take the base name of
// a joined path, use `textContent`, load YAML safely. Each is marked `verify`: the engine runs the
// rule again on the fixed text and drops a fix that does not clear the finding.
import type { Flow } from '../../analysis';
import type { Expr } from '../../analysis/ir';
import type { DetectorContext, Fix } from '../../core/types';

type Call = Expr & { k: 'call' };
export const src = (ctx: DetectorContext, e: { span: { start: number; end: number } }) => ctx.text.slice(e.span.start, e.span.end);
export const jsQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
export const pyQuote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
export const isPy = (ctx: DetectorContext) => ctx.languageId === 'python';

export function argOf(flow: Flow): { call: Call; arg: Expr } | undefined {
  const call = flow.sink.callExpr;
  const i = flow.sink.argIndex;
  if (!call || i === undefined || i < 0) return undefined;
  const arg = call.args[i];
  return arg ? { call, arg } : undefined;
}

const SHELL_META = /[|&;<>$`\\"'*?(){}[\]~!#\n]/;

/** `exec('git log ' + ref)` → `execFile('git', ['log', ref])`; Python `run(cmd, shell=True)` → a list. */
export function execFileFix(flow: Flow, ctx: DetectorContext): Fix | undefined {
  const found = argOf(flow);
  if (!found || flow.sink.argIndex !== 0) return undefined;
  const { call, arg } = found;
  const parts = arg.k === 'concat' ? arg.parts : [arg];
  const tokens: string[] = [];
  let current = '';
  let open = false;
  for (const p of parts) {
    if (p.k === 'lit' && typeof p.value === 'string') {
      if (SHELL_META.test(p.value)) return undefined;
      for (const ch of p.value) {
        if (/\s/.test(ch)) {
          if (open) tokens.push(isPy(ctx) ? pyQuote(current) : jsQuote(current));
          current = '';
          open = false;
        } else {
          current += ch;
          open = true;
        }
      }
    } else {
      if (open) return undefined;
      tokens.push(src(ctx, p));
      current = '';
      open = false;
    }
  }
  if (open) tokens.push(isPy(ctx) ? pyQuote(current) : jsQuote(current));
  if (tokens.length < 1 || !/^['"]/.test(tokens[0])) return undefined;
  if (isPy(ctx)) {
    const shell = /,\s*shell\s*=\s*True/.exec(ctx.text.slice(arg.span.end, call.span.end));
    if (!shell) return undefined;
    const at = arg.span.end + shell.index;
    return {
      title: 'Vouch: Run the command without a shell',
      edits: [{ start: arg.span.start, end: arg.span.end, newText: `[${tokens.join(', ')}]` }, { start: at, end: at + shell[0].length, newText: '' }],
      verify: true,
    };
  }
  const callee = call.callee;
  if (callee.k !== 'member' || (callee.prop !== 'exec' && callee.prop !== 'execSync')) return undefined;
  const name = callee.prop === 'exec' ? 'execFile' : 'execFileSync';
  const nameStart = callee.span.end - callee.prop.length;
  return {
    title: `Vouch: Use ${name} with an argument list (no shell)`,
    edits: [{ start: nameStart, end: callee.span.end, newText: name }, { start: arg.span.start, end: arg.span.end, newText: `${tokens[0]}, [${tokens.slice(1).join(', ')}]` }],
    verify: true,
  };
}

/** `path.join(dir, name)` → `path.join(dir, path.basename(name))` (Python: `os.path`). */
export function basenameFix(flow: Flow, ctx: DetectorContext): Fix | undefined {
  const found = argOf(flow);
  if (!found) return undefined;
  const join = found.arg;
  if (join.k !== 'call' || join.args.length < 2) return undefined;
  const callee = src(ctx, join.callee);
  const basename = callee === 'path.join' ? 'path.basename' : callee === 'os.path.join' ? 'os.path.basename' : undefined;
  if (!basename) return undefined;
  const edits = join.args.slice(1).filter((a) => a.k !== 'lit').map((a) => ({ start: a.span.start, end: a.span.end, newText: `${basename}(${src(ctx, a)})` }));
  return edits.length ? { title: `Vouch: Keep only the file name (${basename})`, edits, verify: true } : undefined;
}

/** `el.innerHTML = 'Hi ' + name` → `el.textContent = …` when the assigned text holds no markup. */
export function textContentFix(flow: Flow, ctx: DetectorContext): Fix | undefined {
  const store = flow.sink.store;
  if (!store || store.prop !== 'innerHTML' || (flow.sink.value.text ?? '').includes('<')) return undefined;
  const start = store.span.end - 'innerHTML'.length;
  return { title: 'Vouch: Assign textContent instead of innerHTML', edits: [{ start, end: store.span.end, newText: 'textContent' }], verify: true };
}

/** `yaml.load(x)` (no loader), `yaml.unsafe_load(x)`, `yaml.full_load(x)` → `yaml.safe_load(x)`. */
export function safeLoadFix(flow: Flow, ctx: DetectorContext): Fix | undefined {
  const call = flow.sink.callExpr;
  if (!call || call.callee.k !== 'member' || call.args.length !== 1 || call.kwargs.length) return undefined;
  const prop = call.callee.prop;
  if (!prop || !['load', 'unsafe_load', 'full_load'].includes(prop) || !/^yaml\./.test(src(ctx, call.callee))) return undefined;
  return { title: 'Vouch: Use yaml.safe_load', edits: [{ start: call.callee.span.end - prop.length, end: call.callee.span.end, newText: 'safe_load' }], verify: true };
}
