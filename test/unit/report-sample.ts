// A hand-made scan result for the report formatter tests: several files, families and severities,
// a suppressed finding, a skipped file, notices, a secret, and hostile text (`<script>`, backticks, pipes).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuleInfo } from '../../server/src/core/engine';
import type { Finding, Family, Severity, Confidence } from '../../server/src/core/types';
import type { ScanResult } from '../../server/src/scan/result';

export const SAMPLE_ROOT = join(tmpdir(), 'vouch-report-sample');

const APP = [
  "import express from 'express';",
  'const app = express();',
  'const key = "AKIAZ3MSJV2KD7QX4N5P";',
  "app.get('/user/:id', (req, res) => res.send(`<script>alert('${req.params.id}')</script>`));",
  '// vouch-ignore-next-line sql-string-concat -- trusted admin query',
  'db.query("SELECT * FROM t WHERE id = " + id);',
  '',
].join('\n');

const PY = ['import requests', '', 'def fetch(url):', '    return requests.get(url, verify=False)', ''].join('\n');

function finding(
  ruleId: string, family: Family, severity: Severity, confidence: Confidence,
  line: number, start: number, end: number, message: string, extra: Partial<Finding> = {},
): Finding {
  return {
    id: `${ruleId}-${line}-${start}`.replace(/[^a-z0-9]/g, '').slice(0, 16),
    ruleId, family, severity, confidence,
    range: { start: { line, character: start }, end: { line, character: end } },
    message,
    ...extra,
  };
}

export function sampleScan(withText = true): ScanResult {
  const app: Finding[] = [
    finding('aws-access-key-id', 'hardcoded-secret', 'error', 'high', 2, 13, 33, 'An AWS access key ID (AKIA…5P) is hardcoded; load it from the environment.', {
      fix: { title: 'Vouch: Move secret to an environment variable', edits: [{ start: 84, end: 106, newText: 'process.env.AWS_ACCESS_KEY_ID' }] },
    }),
    finding('reflected-xss', 'missing-input-validation', 'warning', 'medium', 3, 45, 90, 'User input reaches <script>alert(1)</script> | unescaped `html` output.', {
      related: [
        { range: { start: { line: 3, character: 68 }, end: { line: 3, character: 81 } }, message: 'request input `req.params.id` enters here' },
        { range: { start: { line: 3, character: 45 }, end: { line: 3, character: 90 } }, message: 'reaches `res.send` <b>' },
      ],
    }),
    finding('sql-string-concat', 'missing-input-validation', 'error', 'high', 5, 9, 44, 'SQL built by concatenation; use parameters.', {
      suppressed: { kind: 'line', line: 4, reason: 'trusted admin query' },
    }),
  ];
  const py: Finding[] = [
    finding('tls-verify-disabled', 'insecure-default', 'error', 'high', 3, 31, 43, 'TLS verification is disabled; anyone on the path can read and change the traffic.'),
    finding('missing-timeout', 'missing-error-handling', 'info', 'low', 3, 11, 43, 'The request has no timeout, so a slow server hangs the caller.'),
  ];
  return {
    root: SAMPLE_ROOT,
    fileCount: 4,
    durationMs: 1234,
    files: [
      { path: 'src/app.js', language: 'javascript', findings: app, notices: [], text: withText ? APP : undefined },
      {
        path: 'lib/fetch.py', language: 'python', findings: py, text: withText ? PY : undefined,
        notices: [{ kind: 'detector-error', ruleId: 'missing-timeout', message: 'Detector missing-timeout failed on lib/fetch.py: boom <b>' }],
      },
    ],
    skipped: [
      { path: 'assets/logo.js', reason: 'file looks binary (contains NUL bytes)' },
      { path: 'dir with space/x`y.js', reason: 'file is not valid UTF-8' },
    ],
  };
}

/** Review coverage for three files in two folders (src/util.js has assisted code but no findings). */
export function sampleProvenance(): NonNullable<ScanResult['provenance']> {
  const summary = (assisted: number, reviewed: number, lines: number) => ({
    assistedLines: assisted, unreviewedLines: assisted - reviewed, reviewedLines: reviewed, regions: 1,
    reviewCoverage: Math.round((reviewed / assisted) * 1000) / 1000, lines,
  });
  return {
    total: { assistedLines: 12, unreviewedLines: 9, reviewedLines: 3, regions: 3, reviewCoverage: 0.25 },
    files: { 'src/app.js': summary(4, 1, 7), 'src/util.js': summary(4, 0, 10), 'lib/fetch.py': summary(4, 2, 5) },
    warnings: [],
    record: { holds: true, problems: [], head: '' },
  };
}

const rule = (id: string, title: string, family: Family, severity: Severity, confidence: Confidence, cwe?: string[]): RuleInfo => ({
  id, languages: '*', meta: { title, family, severity, confidence, cwe },
});

export const SAMPLE_RULES: RuleInfo[] = [
  rule('aws-access-key-id', 'AWS access key ID', 'hardcoded-secret', 'error', 'high', ['CWE-798']),
  rule('reflected-xss', 'Reflected XSS', 'missing-input-validation', 'warning', 'medium', ['CWE-79']),
  rule('sql-string-concat', 'SQL built by string concatenation', 'missing-input-validation', 'error', 'high', ['CWE-89']),
  rule('tls-verify-disabled', 'TLS verification disabled', 'insecure-default', 'error', 'high', ['CWE-295']),
  rule('missing-timeout', 'HTTP request without timeout', 'missing-error-handling', 'info', 'low'),
  rule('unused-rule', 'A rule with no findings', 'weak-test', 'hint', 'low'),
];

export const SAMPLE_DOCS: Record<string, string> = {
  'aws-access-key-id': [
    '# AWS access key ID',
    '',
    'A hardcoded key lets **anyone** who reads the code act as your AWS account.',
    '',
    '## Bad',
    '',
    '```js',
    'const key = "AKIA...";',
    '```',
    '',
    '## How to fix',
    '',
    '- Load it with `process.env.AWS_ACCESS_KEY_ID`.',
    '- Rotate the key. See [the guide](https://docs.aws.amazon.com/) and [related](tls-verify-disabled.md).',
    '- <img src=x onerror=alert(1)> [bad](javascript:alert(1))',
  ].join('\n'),
};

export const sampleDocs = (id: string): string | undefined => SAMPLE_DOCS[id];
