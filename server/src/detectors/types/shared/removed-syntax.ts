// Shapes and syntax helpers of removed-package-api's bindings (removed-scan.ts, removed-bindings.ts).
import { ts } from '../../../core/ts';

export interface PackageShape {
  values?: Record<string, { from: string; call: string }>;
  handlers?: { on: string[]; methods: string[]; byName?: string[][]; notWith?: string[] };
}

/** What a name holds: the package's `module`, one of its values, `request`/`response`, or a named export. */
export interface Held { pkg: string; value: string; member?: string; inferred?: boolean }

export interface RemovedUse {
  pkg: string;
  on: string;
  /** The member, or `()` for a call of the receiver itself. */
  member: string;
  /** The flagged name (the member, or the callee of a bare call). */
  node: ts.Node;
  call?: ts.CallExpression;
  receiver: string;
  /** A handler parameter known by its name only. */
  inferred?: boolean;
}

export type FnLike = ts.FunctionExpression | ts.ArrowFunction | ts.FunctionDeclaration | ts.MethodDeclaration;

export function isAssignment(p: ts.Node, child: ts.Node): boolean {
  return ts.isBinaryExpression(p) && p.left === child && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

export const unparen = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unparen(e.expression) : e);

/** Inside `if (mongooseMajorVersion < 8)`, `semver.lt(version, …) ? … : …`: code written for several majors. */
export function versionGuarded(n: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    const cond = ts.isIfStatement(p) ? p.expression : ts.isConditionalExpression(p) ? p.condition : undefined;
    if (cond && /version|major|semver/i.test(cond.getText(sf))) return true;
  }
  return false;
}

export interface CollectOptions {
  /** What another workspace module exports under `name` (`default` for `module.exports`), one level deep. */
  imported?: (specifier: string, name: string) => Held | undefined;
  /** Members worth following an import for (the pack's removed ones). */
  members?: ReadonlySet<string>;
}

export interface Collected {
  uses: RemovedUse[];
  /** This module's exports that hold a package's values (`module.exports = mongoose.model(…)`). */
  exports: Map<string, Held>;
}

export const isRelative = (e: ts.Expression | undefined): e is ts.StringLiteralLike => !!e && ts.isStringLiteralLike(e) && e.text.startsWith('.');
export const relativeRequire = (e: ts.Expression): string | undefined =>
  ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && isRelative(e.arguments[0]) ? e.arguments[0].text : undefined;

export const exportStatement = (n: ts.Node): boolean => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
