// The handler of a failed decode (fresh sample AI: a home-automation REST adapter, `try { url = decodeURI(url) } catch (e)
// { log.warn(`Malformed URL encoding for ${url}`) }`): a body that ends by binding a name binds it at its very end, so
// when the handler runs the name still holds the URL as it came, undecoded, where an HTTP parser let no line break
// through. After the statement, and in a handler of a body that decoded before its last statement, the decoded value counts.
import { ruleTester } from '../harness';

const route = (body: string) => `app.get('/api/*', (req, res) => {\n  let url = req.url;\n${body}\n});`;
const failed = route('  try {\n    url = decodeURI(url);\n  } catch (e) {\n    logger.warn(`Malformed URL encoding for ${url}: ${e}`);\n  }');
const after = route('  try {\n    url = decodeURI(url);\n  } catch (e) {\n    logger.warn(`Malformed URL encoding for ${url}`);\n  }\n  logger.info(`request ${url}`);');
const decodedEarlier = route('  try {\n    url = decodeURI(url);\n    res.send(lookup(url));\n  } catch (e) {\n    logger.warn(`lookup failed for ${url}`);\n  }');
// Python's `try`/`except` too: the name keeps its value from before the failed binding (a default), the input after it.
const pyDefault = "from flask import request\n\n@app.route('/api')\ndef api():\n    name = 'guest'\n    try:\n        name = request.args['name']\n    except KeyError:\n        log.warning('no name, using %s', name)\n    log.info('name %s', name)";

ruleTester('log-injection', 'javascript', {
  valid: [failed],
  invalid: [
    { code: after, errors: [{ line: 8 }] },
    { code: decodedEarlier, errors: [{ line: 7 }] },
    { code: pyDefault, language: 'python', errors: [{ line: 10 }] },
  ],
});
