// whistle's webui reduced (`if (common.existsUpPath(req.path))` before reading the plugin's file): the
// route whose flow the fast tier holds for the imported check, shared by the unit and the server tests.
export const HELD_ROUTE = [
  "const common = require('./common');",
  "const fs = require('fs');",
  "const path = require('path');",
  "app.get('/plugin/*', (req, res) => {",
  '  if (common.existsUpPath(req.path)) return res.end();',
  '  fs.createReadStream(path.join(PLUGIN_DIR, req.path)).pipe(res);',
  '});',
].join('\n');
