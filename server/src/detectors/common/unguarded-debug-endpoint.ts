// Flags debug and metrics endpoints anyone can reach: routes that answer with the whole environment,
// globals or app config, heap snapshots, Prometheus metrics or host details with no auth middleware,
// handler check or environment guard; status dashboards (express-status-monitor, swagger-stats) mounted
// open; Werkzeug's evalex console; Django Debug Toolbar forced on. Assistants add them "to debug
// production" and never take them out (CWE-215, CWE-489). Candidates per language, decided here once.
import { ir } from '../../analysis';
import { JS_LIKE } from '../../core/languages';
import type { AsyncDetectorContext, Confidence, Detector, Severity } from '../../core/types';
import type { DebugKind } from '../shared/debug-exposures';
import { jsDebugCandidates } from '../shared/debug-endpoints-js';
import { pythonDebugCandidates } from '../shared/debug-endpoints-python';
import { configDefault } from '../shared/config-defaults';

const SHAPE: Record<DebugKind, { severity: Severity; confidence: Confidence }> = {
  env: { severity: 'error', confidence: 'high' },
  heap: { severity: 'error', confidence: 'high' },
  debugger: { severity: 'error', confidence: 'high' },
  toolbar: { severity: 'warning', confidence: 'high' },
  dashboard: { severity: 'warning', confidence: 'medium' },
  metrics: { severity: 'warning', confidence: 'medium' },
  system: { severity: 'warning', confidence: 'low' },
};
/** Words without which none of the candidates can appear (checked before the file is lowered). */
const HINT = /process\.(?:env|versions|config|release|features|memoryUsage|cpuUsage|resourceUsage|report)|sys\.(?:modules|path|version_info)|environ|globals\(|\.config\b|HeapSnapshot|heapdump|tracemalloc|prom-client|prometheus|\.metrics\(|status-monitor|swagger-stats|express-actuator|prom-bundle|DebuggedApplication|DEBUG_TOOLBAR_CONFIG|\bos\.\w+\(|platform\.|psutil/;

/** A route registration (`.get('/…'`, `@app.route(`), a Django view (`def v(request`), or a class-based view method. */
const ROUTE = /\.(?:get|all|use|route|post|head)\s*\(\s*['"`]\/|@[\w.]+\.(?:route|get|post|api_route)\s*\(|\bdef\s+\w+\s*\(\s*(?:self\s*,\s*)?request\b/;
/** Dashboards, the Werkzeug console and the Debug Toolbar need no route of the file's own. */
const MOUNTED = /status-monitor|swagger-stats|express-actuator|prom-bundle|DebuggedApplication|DEBUG_TOOLBAR_CONFIG/;

export const unguardedDebugEndpoint: Detector = {
  id: 'unguarded-debug-endpoint',
  meta: {
    title: 'Debug or metrics endpoint without a guard',
    family: 'sensitive-data-exposure',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-215', 'CWE-489', 'CWE-200'],
    needs: ['ir'],
  },
  languages: [...JS_LIKE, 'python'],
  keywords: ['env', 'globals', 'config', 'heap', 'tracemalloc', 'metrics', 'prom', 'status-monitor', 'swagger-stats', 'actuator', 'debug', 'platform', 'psutil', 'os.', 'process.', 'sys.'],
  // Slow tier: the candidates come from a walk of the whole IR (about 6 ms an edit on a route-heavy file).
  async runAsync(ctx: AsyncDetectorContext) {
    if (!HINT.test(ctx.text) || !(ROUTE.test(ctx.text) || MOUNTED.test(ctx.text)) || ctx.path.endsWith('.d.ts')) return;
    const lowered = ctx.get(ir);
    if (!lowered) return;
    const tick = () => ctx.checkBudget();
    const project = ctx.services.project;
    const setting = project ? (expr: string) => configDefault(expr, ctx.path, ctx.text, (p) => project.readFile(p)) : undefined;
    const candidates = lowered.language === 'js' ? jsDebugCandidates(lowered, ctx.text, tick, setting) : pythonDebugCandidates(lowered, ctx.text, ctx.path, tick);
    for (const c of candidates) {
      if (c.guarded) continue;
      const where = c.route ? ` at \`${c.route}\`` : '';
      const fix = c.kind === 'debugger' ? 'set `evalex=False` or wrap the app only when an environment variable says development'
        : c.kind === 'toolbar' ? 'keep the default callback (DEBUG and INTERNAL_IPS)'
          : 'put an auth middleware in front of it, bind it to an internal port, or register it only in development';
      const shape = SHAPE[c.kind];
      ctx.report({
        start: c.start, end: c.end, kind: c.kind, severity: shape.severity,
        // Guards may sit where another file mounts the router or app: one step less sure. An app the project's default
        // config binds to a loopback address answers that host only unless a deployment overrides it: low.
        confidence: c.defaultInternal ? 'low' : c.mountedElsewhere ? (shape.confidence === 'high' ? 'medium' : 'low') : shape.confidence,
        message: `\`${c.text}\` hands ${c.what} to anyone who finds the endpoint${where}, with no authentication or environment check; ${fix}.`,
      });
    }
  },
};
