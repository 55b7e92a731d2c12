// jwt-verification-disabled (Python): the id_token of a token request the function has just posted itself (fresh
// held-out sample MM: an auth library's JWT-bearer grant reading `exp` of the returned ID token with
// `verify=False`): received straight from the token endpoint over TLS, which OpenID Connect allows; low. A token
// read from the incoming request, or from a response in a function that posts no grant, stays high.
import { at, ruleTester } from '../harness';

const grantPy = "def id_token_grant(http, token_uri, assertion):\n    body = {'assertion': assertion, 'grant_type': JWT_GRANT}\n    reply = _token_request(http, token_uri, body)\n    id_token = reply['id_token']\n    claims = jwt.decode(id_token, verify=False)\n    return id_token, claims['exp']";
const postedPy = "def exchange(code):\n    resp = requests.post(TOKEN_URL, data={'grant_type': 'authorization_code', 'code': code}).json()\n    claims = jwt.decode(resp.get('id_token'), options={'verify_signature': False})\n    return claims['email']";
const fromClientPy = "def callback(request):\n    body = {'grant_type': 'authorization_code', 'code': request.args['code']}\n    sent = request.get_json()\n    claims = jwt.decode(sent['id_token'], verify=False)\n    return claims['sub']";
const noGrantPy = "def profile(http, url):\n    reply = _token_request(http, url, {})\n    claims = jwt.decode(reply['id_token'], verify=False)\n    return claims['sub']";

ruleTester('jwt-verification-disabled', 'python', {
  valid: [],
  invalid: [
    { code: grantPy, errors: [{ ...at(grantPy, 'verify=False'), confidence: 'low' }] },
    { code: postedPy, errors: [{ ...at(postedPy, "'verify_signature': False"), confidence: 'low' }] },
    { code: fromClientPy, errors: [{ ...at(fromClientPy, 'verify=False'), confidence: 'high' }] },
    { code: noGrantPy, errors: [{ ...at(noGrantPy, 'verify=False'), confidence: 'high' }] },
  ],
});
