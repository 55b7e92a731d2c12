// Turns one data rule (rules/*.json) into a detector: keyword prefilter, one regex, context filters.
import { moveToEnvFix, envNameFor } from '../core/fixes';
import { shannonEntropy } from '../core/text';
import type { Detector, DetectorContext, Fix, LanguageId } from '../core/types';
import type { DataRule } from './types';

export function redact(s: string): string {
  if (s.length <= 8) return '****';
  return `${s.slice(0, 4)}…${s.slice(-2)}`;
}

function compile(source: string, flags = ''): RegExp {
  return new RegExp(source, flags.includes('g') ? flags : flags + 'g');
}

export function toDetector(rule: DataRule): Detector {
  const pattern = compile(rule.pattern, (rule.flags ?? '') + 'd');
  const allow = (rule.allow ?? []).map((a) => new RegExp(a, 'i'));
  const notOnLine = (rule.notOnLine ?? []).map((a) => new RegExp(a));
  const group = rule.group ?? 0;
  return {
    id: rule.id,
    meta: {
      title: rule.title,
      family: rule.family,
      severity: rule.severity,
      confidence: rule.confidence,
      cwe: rule.cwe,
      fixable: !!rule.fix,
    },
    languages: rule.languages === '*' ? '*' : (rule.languages as LanguageId[]),
    keywords: rule.keywords,
    run(ctx: DetectorContext) {
      if (ctx.isTestFile && rule.testFiles === 'skip') return;
      const { text } = ctx;
      pattern.lastIndex = 0;
      let count = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0].length === 0) pattern.lastIndex++;
        if (++count % 64 === 0) ctx.checkBudget();
        const span = m.indices?.[group];
        if (!span) continue;
        const [start, end] = span;
        const value = text.slice(start, end);
        if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
        if (allow.some((a) => a.test(value))) continue;
        if (notOnLine.length) {
          const ls = text.lastIndexOf('\n', start - 1) + 1;
          const le = text.indexOf('\n', end);
          const line = text.slice(ls, le === -1 ? text.length : le);
          if (notOnLine.some((n) => n.test(line))) continue;
        }
        ctx.report({
          start,
          end,
          message: rule.message.replace('{redacted}', redact(value)),
          confidence: ctx.isTestFile && rule.testFiles === 'lower' ? 'low' : undefined,
          fix: fixFor(rule, ctx, m, start, end),
        });
      }
    },
  };
}

function fixFor(rule: DataRule, ctx: DetectorContext, m: RegExpExecArray, start: number, end: number): Fix | undefined {
  if (!rule.fix) return undefined;
  if (rule.fix.kind === 'move-to-env') {
    const fallback = rule.id.replace(/-/g, '_');
    return moveToEnvFix(ctx.text, ctx.languageId, start, end, envNameFor(ctx.text, start - 1, fallback));
  }
  if (rule.fix.replace !== undefined) {
    const newText = rule.fix.replace.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
    return { title: rule.fix.title, edits: [{ start, end, newText }] };
  }
  return undefined;
}
