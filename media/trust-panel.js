// Trust panel webview: renders the state the extension posts ({ type: 'state', state }) and posts
// user gestures back. Builds DOM nodes with textContent only (no HTML strings from data); no network.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));

  const FAMILY_TITLES = {
    'hallucinated-dependency': 'Hallucinated dependency',
    'phantom-api': 'Phantom API',
    'wrong-logic': 'Wrong logic',
    'insecure-default': 'Insecure default',
    'missing-input-validation': 'Missing input validation',
    'missing-error-handling': 'Missing error handling',
    'broken-authorization': 'Broken authorization',
    'privilege-scope-creep': 'Privilege scope creep',
    'hardcoded-secret': 'Hardcoded secret',
    'sensitive-data-exposure': 'Sensitive data exposure',
    'breaking-change': 'Breaking change',
    'weak-test': 'Weak test',
  };
  const SOURCE_TITLES = { completion: 'Completion', paste: 'Paste', agent: 'Agent edit' };
  /** "Only findings in my change": the panel's own choice, kept across redraws and reloads. */
  let onlyChange = !!(vscode.getState() || {}).onlyChange;
  let lastState;

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node|string|null|undefined|false)[]} [children] */
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  /**
   * `key` names the button across re-renders, so keyboard focus stays where it was.
   * @param {string} label @param {string} aria @param {() => void} onClick @param {string} [cls] @param {string} [key]
   */
  function button(label, aria, onClick, cls = '', key = '') {
    const b = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', class: cls, 'aria-label': aria, title: aria, 'data-key': key || label }, [label]));
    b.addEventListener('click', onClick);
    return b;
  }

  /** @param {string} iso @param {string} now */
  function age(iso, now) {
    const s = Math.max(0, (Date.parse(now) - Date.parse(iso)) / 1000);
    if (!Number.isFinite(s)) return '';
    if (s < 60) return 'just now';
    const m = s / 60;
    if (m < 60) return `${Math.floor(m)} min ago`;
    const h = m / 60;
    if (h < 24) return `${Math.floor(h)} h ago`;
    return `${Math.floor(h / 24)} d ago`;
  }

  /** @param {{start:{line:number}, end:{line:number, character:number}}} r */
  function lineSpan(r) {
    const first = r.start.line + 1;
    // A region ending at column 0 stops at the end of the line before.
    const last = Math.max(first, r.end.character === 0 && r.end.line > r.start.line ? r.end.line : r.end.line + 1);
    return first === last ? `line ${first}` : `lines ${first}–${last}`;
  }

  const SEVERITY_RANK = { error: 0, warning: 1, info: 2, hint: 3 };

  /** @param {{severity:string, range:{start:{line:number, character:number}}}} a @param {typeof a} b */
  function bySeverityThenLine(a, b) {
    return (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  }

  function scoreClass(score) {
    return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
  }

  function render(state) {
    lastState = state;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
    draw(state);
    const again = focused ? [...root.querySelectorAll('[data-key]')].find((b) => b instanceof HTMLElement && b.dataset.key === focused) : undefined;
    if (again instanceof HTMLElement) again.focus();
  }

  function draw(state) {
    root.replaceChildren();
    if (!state.file) {
      root.append(el('p', { class: 'empty' }, ['Open a file to see how much of it is assisted code and what was reviewed.']));
      return;
    }
    const t = state.trust;
    root.append(el('h2', { class: 'file', title: state.file.path }, [state.file.name]));
    if (!t) {
      root.append(el('p', { class: 'empty' }, ['Vouch has no trust data for this file yet (the server is starting).']));
      return;
    }
    if (t.notAnalysed) {
      // No score: 100 would read as "checked and fine".
      root.append(el('p', { class: 'not-analysed', 'data-testid': 'not-analysed' }, [el('span', { class: 'label' }, ['Not analysed']), ` — ${t.notAnalysed}.`]));
      return;
    }
    const open = t.regions.filter((r) => r.state !== 'reviewed');

    // Score
    const meter = el('div', {
      class: `meter ${scoreClass(t.score)}`,
      role: 'meter',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': String(t.score),
      'aria-label': `Trust score ${t.score} of 100`,
    }, [el('div', { class: `bar w${Math.round(t.score / 5) * 5}` })]);
    root.append(
      el('section', { class: 'score', 'aria-label': 'Trust score' }, [
        el('div', { class: 'score-line' }, [
          el('span', { class: `score-value ${scoreClass(t.score)}`, 'data-testid': 'score', title: state.formula }, [String(t.score)]),
          el('span', { class: 'score-of' }, ['/ 100 trust']),
        ]),
        meter,
        el('p', { class: 'facts' }, [
          `${t.assistedLines} of ${t.totalLines} lines assisted · ${t.unreviewedLines} unreviewed · ${t.findings.length} finding${t.findings.length === 1 ? '' : 's'}`,
        ]),
        el('details', { class: 'formula' }, [el('summary', {}, ['How is this computed?']), el('p', {}, [state.formula])]),
      ]),
    );

    for (const w of t.ledgerWarnings || []) root.append(el('p', { class: 'alert', role: 'alert' }, [`Review ledger: ${w}`]));

    // Regions
    const regionList = el('ul', { class: 'regions', 'aria-label': 'Assisted regions' });
    for (const r of t.regions) {
      const where = lineSpan(r.range);
      const stateText = r.state === 'reviewed' && r.review
        ? `reviewed by ${r.review.reviewer} ${age(r.review.time, state.now)}`
        : r.state;
      const item = el('li', { class: `region ${r.state}`, 'data-region-id': r.id, 'data-state': r.state, 'data-source': r.source }, [
        el('div', { class: 'region-head' }, [
          el('span', { class: `badge ${r.state}` }, [r.state]),
          el('span', { class: 'source' }, [SOURCE_TITLES[r.source] || r.source]),
          el('span', { class: 'muted' }, [` · ${r.lines} line${r.lines === 1 ? '' : 's'} · ${age(r.time, state.now)}`]),
        ]),
        el('div', { class: 'region-detail muted' }, [
          `${where} · ${r.confidence} confidence · ${stateText}`,
          r.findingIds.length ? ` · ${r.findingIds.length} finding${r.findingIds.length === 1 ? '' : 's'}` : '',
        ]),
        r.review && r.review.note ? el('div', { class: 'note' }, [`“${r.review.note}”`]) : null,
        el('div', { class: 'actions' }, [
          button('Go to', `Go to the ${SOURCE_TITLES[r.source] || r.source} region, ${where}`, () => vscode.postMessage({ type: 'reveal', range: r.range }), 'secondary', `reveal:${r.id}`),
          r.state !== 'reviewed'
            ? button('Mark reviewed', `Mark the ${SOURCE_TITLES[r.source] || r.source} region, ${where}, as reviewed`, () => vscode.postMessage({ type: 'markReviewed', regionId: r.id }), '', `review:${r.id}`)
            : null,
        ]),
      ]);
      regionList.append(item);
    }
    root.append(
      el('section', { 'aria-label': 'Assisted regions' }, [
        el('div', { class: 'section-head' }, [
          el('h3', {}, [`Assisted code (${t.regions.length})`]),
          open.length ? button('Mark all reviewed', `Mark all ${open.length} unreviewed regions in this file as reviewed`, () => vscode.postMessage({ type: 'markAll' })) : null,
        ]),
        t.regions.length ? regionList : el('p', { class: 'empty' }, ['No completion, paste or agent edit recorded in this file.']),
      ]),
    );

    // Findings by family: most severe first (a file's only error is never listed last), then by line.
    const inChange = t.findings.filter((f) => f.inChange);
    const filtering = !!t.change && onlyChange;
    const shown = filtering ? inChange : t.findings;
    const byFamily = new Map();
    for (const f of [...shown].sort(bySeverityThenLine)) {
      if (!byFamily.has(f.family)) byFamily.set(f.family, []);
      byFamily.get(f.family).push(f);
    }
    const families = el('div', { class: 'families' });
    // Each family's list is sorted, so its first finding is its most severe.
    const worst = (list) => SEVERITY_RANK[list[0].severity] ?? 9;
    for (const [family, findings] of [...byFamily].sort((a, b) => worst(a[1]) - worst(b[1]) || b[1].length - a[1].length)) {
      const list = el('ul', { class: 'findings', 'aria-label': FAMILY_TITLES[family] || family });
      for (const f of findings) {
        const inRegion = f.regionId ? t.regions.find((r) => r.id === f.regionId) : undefined;
        const go = button(`${f.ruleId} · line ${f.range.start.line + 1}`, `Go to ${f.ruleId} on line ${f.range.start.line + 1}: ${f.message}`, () => vscode.postMessage({ type: 'reveal', range: f.range }), 'link', `finding:${f.findingId}`);
        list.append(
          el('li', { class: 'finding', 'data-severity': f.severity, 'data-line': String(f.range.start.line + 1), ...(f.inChange ? { 'data-in-change': '' } : {}) }, [
            el('span', { class: `sev ${f.severity}`, title: f.severity }, [f.severity]),
            go,
            inRegion && inRegion.state !== 'reviewed' ? el('span', { class: 'badge unreviewed small' }, [`in unreviewed ${inRegion.source}`]) : null,
            f.inChange && t.change && !filtering ? el('span', { class: 'badge changed small' }, ['in my change']) : null,
            el('div', { class: 'message muted' }, [f.message]),
          ]),
        );
      }
      families.append(el('details', { class: 'family', open: '' }, [el('summary', {}, [`${FAMILY_TITLES[family] || family} (${findings.length})`]), list]));
    }
    // In a git repository: show all findings, or only those on lines that differ from the baseline.
    let toggle = null;
    if (t.change) {
      const box = el('input', { type: 'checkbox', id: 'only-change', 'data-key': 'only-change' });
      /** @type {HTMLInputElement} */ (box).checked = filtering;
      box.addEventListener('change', () => {
        onlyChange = /** @type {HTMLInputElement} */ (box).checked;
        vscode.setState({ ...(vscode.getState() || {}), onlyChange });
        render(lastState);
      });
      toggle = el('label', { class: 'change-filter', for: 'only-change', title: `Lines that differ from ${t.change.baseline}` }, [
        box, ` Only in my change (${inChange.length})`,
      ]);
    }
    const empty = filtering && t.findings.length
      ? `None of the ${t.findings.length} finding${t.findings.length === 1 ? ' is' : 's are'} on lines changed since ${t.change.baseline}.`
      : 'No Vouch findings in this file.';
    root.append(
      el('section', { 'aria-label': 'Findings by family' }, [
        el('div', { class: 'section-head' }, [el('h3', {}, [filtering ? `Findings in my change (${shown.length} of ${t.findings.length})` : `Findings (${t.findings.length})`]), toggle]),
        shown.length ? families : el('p', { class: 'empty' }, [empty]),
      ]),
    );
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'state') {
      vscode.setState({ ...m.state, onlyChange });
      render(m.state);
    }
  });
  const saved = vscode.getState();
  if (saved) render(saved);
  vscode.postMessage({ type: 'ready' });
})();
