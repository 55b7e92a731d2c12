// The workspace report inside VS Code: the page is the HTML report (server/src/report/html.ts, with its
// own filter and sort script); this adds what only the editor can do. A click on a finding opens its
// file at the finding's range, the export buttons ask the extension to save the report, "Scan again"
// re-runs it. Messages carry data only; the extension checks them. No network.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();

  /** @param {Element} row */
  function open(row) {
    const range = (row.getAttribute('data-range') || '').split(',').map(Number);
    vscode.postMessage({ type: 'open', path: row.getAttribute('data-path'), range });
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const exportButton = target.closest('button[data-export]');
    if (exportButton) {
      vscode.postMessage({ type: 'export', format: exportButton.getAttribute('data-export') });
      return;
    }
    if (target.closest('button[data-action="rerun"]')) {
      vscode.postMessage({ type: 'rerun' });
      return;
    }
    const row = target.closest('tr.finding');
    if (!row) return;
    if (target.closest('button.open')) return open(row);
    // Links, the rule docs and text being selected in a snippet keep their own meaning.
    if (target.closest('a, summary, input, label') || String(window.getSelection() || '').length) return;
    open(row);
  });
})();
