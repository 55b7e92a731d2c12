#!/usr/bin/env bash
# Installs Verdaccio (a real npm registry implementation) for test/registry, outside the repo's
# package.json: test/registry/verdaccio/package.json pins verdaccio 6.8.0 and overrides node-fetch to
# 2.7.0 (later Verdaccio releases want Node 22; this one runs on Node 20 with that override).
# Idempotent: a stamp holding the manifest's hash makes a finished install cost one `cmp`.
# Prints the path of the verdaccio executable on stdout.
# Usage: bash test/registry/setup-verdaccio.sh   (cache folder: $VOUCH_TEST_CACHE, default <repo>/.test-cache)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${VOUCH_TEST_CACHE:-$ROOT/.test-cache}
DIR="$CACHE/verdaccio"
MANIFEST="$ROOT/test/registry/verdaccio/package.json"
BIN="$DIR/node_modules/.bin/verdaccio"
mkdir -p "$DIR"

want=$(sha256sum "$MANIFEST" | cut -d' ' -f1)
if [[ -x "$BIN" && -f "$DIR/.stamp" && "$(cat "$DIR/.stamp")" == "$want" ]]; then
  echo "$BIN"
  exit 0
fi

# Two test runs at once must not install into the same folder together.
exec 9>"$CACHE/.verdaccio.lock"
flock 9
if [[ -x "$BIN" && -f "$DIR/.stamp" && "$(cat "$DIR/.stamp")" == "$want" ]]; then
  echo "$BIN"
  exit 0
fi

started=$SECONDS
printf '[registry setup] npm install verdaccio into %s\n' "$DIR" >&2
rm -rf "$DIR/node_modules" "$DIR/package-lock.json" "$DIR/.stamp"
cp "$MANIFEST" "$DIR/package.json"
# The user's own npm configuration decides where npm installs from (CI: the default registry).
(cd "$DIR" && npm install --no-audit --no-fund --loglevel=error --omit=dev >&2)
"$BIN" --version >/dev/null
printf '%s' "$want" >"$DIR/.stamp"
printf '[registry setup] done in %s s\n' "$((SECONDS - started))" >&2
echo "$BIN"
