// Flags input parsed as XML with external entities turned on (`libxmljs.parseXml(x, { noent: true })`,
// lxml's `XMLParser(resolve_entities=True)`): a DOCTYPE can then read local files or reach internal
// URLs (XXE, CWE-611).
import { flowRule } from '../shared/flow-rule';

export const xmlExternalEntities = flowRule({
  id: 'xml-external-entities',
  meta: { title: 'XML from untrusted input parsed with external entities', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-611'] },
  kinds: ['xxe'],
  // A command-line tool opening what its user names is its job: only web input counts here.
  labels: ['request', 'browser'],
  impact: 'can read local files or reach internal URLs through XML entities (XXE)',
});
