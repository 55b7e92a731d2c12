// One runner per tool for the corpus scans. Every tool gets the same folder; each runner returns
// { tool, files, wallS, cpuS, rssMb, findings, note } or { tool, error } — never throws.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, CLI, PEERS, WORK, measure } from './common.mjs';

const out = (name) => join(WORK, 'out', name);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`no readable report (${e.code ?? e.message})`);
  }
}

function failure(r) {
  if (r.timedOut) return 'timed out';
  const tail = (r.stderr || r.stdout).trim().split('\n').filter(Boolean).slice(-2).join(' / ');
  return `exit ${r.code}: ${tail.slice(0, 200)}`;
}

async function guarded(tool, fn) {
  try {
    return { tool, ...(await fn()) };
  } catch (e) {
    return { tool, error: e.message.split('\n')[0].slice(0, 200) };
  }
}

const timing = (r) => ({ wallS: r.wallS, cpuS: r.cpuS, rssMb: r.rssMb });

/**
 * `config`: a policy file (bench/layer-off.json scans with every rule that reads the analysis layer off);
 * `extra`: more CLI arguments (`--only hardcoded-secret` for the row next to secretlint). One job (the
 * main thread) unless `extra` says `--jobs`: the peers run single-process too.
 */
export function vouch(dir, name, timeoutMs, config, tool = 'vouch', extra = [], env = {}) {
  return guarded(tool, async () => {
    const report = out(`vouch-${name}.json`);
    rmSync(report, { force: true });
    const policy = config ? ['--config', config] : [];
    if (!extra.includes('--jobs')) extra = ['--jobs', '1', ...extra];
    const r = await measure(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--output', report, '--fail-on', 'never', '--quiet', '--offline', ...policy, ...extra], { cwd: dir, timeoutMs, env: { ...process.env, ...env } });
    if (r.code !== 0) throw new Error(failure(r));
    const j = readJson(report);
    const budget = j.notices.filter((n) => /budget/.test(n)).length;
    const byRule = {};
    for (const f of j.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    return {
      ...timing(r), files: j.files, findings: j.findings.length, byRule, scanS: j.durationMs / 1000,
      note: `scan ${(j.durationMs / 1000).toFixed(1)} s; ${j.skipped.length} skipped; ${budget} budget notices`,
    };
  });
}

export function floor(dir, timeoutMs) {
  return guarded('floor: read + 1 regex', async () => {
    const r = await measure(process.execPath, [join(BENCH, 'lib', 'floor.mjs'), dir], { timeoutMs });
    if (r.code !== 0) throw new Error(failure(r));
    const j = JSON.parse(r.stdout);
    return { ...timing(r), files: j.files, findings: j.findings };
  });
}

export function tsFloor(dir, timeoutMs) {
  return guarded('floor: TS parse + 1 AST walk', async () => {
    const r = await measure(process.execPath, [join(BENCH, 'lib', 'ts-floor.mjs'), dir], { timeoutMs });
    if (r.code !== 0) throw new Error(failure(r));
    const j = JSON.parse(r.stdout);
    return { ...timing(r), files: j.files, findings: undefined, note: `${j.nodes} nodes` };
  });
}

export function eslint(dir, name, peer, timeoutMs) {
  return guarded('eslint + security, sdl', async () => {
    if (peer.error) throw new Error(peer.error);
    const report = out(`eslint-${name}.json`);
    rmSync(report, { force: true });
    // Run from the corpus folder: with -c, ESLint's base path is the working directory.
    const r = await measure(process.execPath, [peer.bin, '-c', peer.config, '--format', 'json', '-o', report, '.'], { cwd: dir, timeoutMs });
    if (r.code !== 0 && r.code !== 1) throw new Error(failure(r));
    const j = readJson(report);
    let findings = 0;
    let parseErrors = 0;
    for (const f of j) for (const m of f.messages) {
      if (m.fatal) parseErrors++;
      else if (m.ruleId) findings++;
    }
    return { ...timing(r), files: j.length, findings, note: `${parseErrors} files not parsed` };
  });
}

export function secretlint(dir, name, peer, fileCount, timeoutMs) {
  return guarded('secretlint (recommend)', async () => {
    if (peer.error) throw new Error(peer.error);
    const report = out(`secretlint-${name}.json`);
    rmSync(report, { force: true });
    const r = await measure(process.execPath, [peer.bin, '--secretlintrc', peer.config, '--format', 'json', '--output', report, `${dir}/**/*`], { cwd: PEERS, timeoutMs });
    if (r.code !== 0 && r.code !== 1) throw new Error(failure(r));
    const j = existsSync(report) ? readJson(report) : [];
    return { ...timing(r), files: j.length || fileCount, findings: j.reduce((n, f) => n + f.messages.length, 0) };
  });
}

export function gitleaks(dir, name, peer, fileCount, timeoutMs) {
  return guarded('gitleaks (detect --no-git)', async () => {
    if (peer.error) throw new Error(peer.error);
    const report = out(`gitleaks-${name}.json`);
    rmSync(report, { force: true });
    const r = await measure(peer.bin, ['detect', '--no-git', '--source', dir, '--report-format', 'json', '--report-path', report, '--exit-code', '0', '--no-banner', '--log-level', 'error'], { timeoutMs });
    if (r.code !== 0) throw new Error(failure(r));
    return { ...timing(r), files: fileCount, findings: readJson(report).length };
  });
}

export function bandit(dir, name, peer, timeoutMs) {
  return guarded('bandit', async () => {
    if (peer.error) throw new Error(peer.error);
    const report = out(`bandit-${name}.json`);
    rmSync(report, { force: true });
    const r = await measure(peer.bin, ['-r', dir, '-f', 'json', '-o', report, '-q'], { timeoutMs });
    if (r.code !== 0 && r.code !== 1) throw new Error(failure(r));
    const j = readJson(report);
    return {
      ...timing(r), files: Object.keys(j.metrics).filter((k) => k !== '_totals').length, findings: j.results.length,
      note: j.errors.length ? `${j.errors.length} files not parsed` : undefined,
    };
  });
}
