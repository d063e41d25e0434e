#!/usr/bin/env bash
# Shared by scripts/test.sh and scripts/run.sh: install the npm tools and Chromium, start and stop Azurite and maildev.
# Sourced, not run.

say() { echo "[$SCRIPT_NAME] $*"; }

ensure_node_tools() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm tools (azurite, maildev, axe-core) with npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser of its own).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  say "installing Debian's chromium for the browser tests"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  /usr/bin/chromium --version
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for_port() { # name port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  say "$1 did not open port $2 within $3 s"; return 1
}

PIDS=()
stop_services() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

# start_azurite DIR BLOB QUEUE TABLE [persist]: in memory unless persist is given (it then keeps data in DIR).
start_azurite() {
  local where=(--inMemoryPersistence)
  [ "${5:-}" = persist ] && where=(--location "$1/azurite")
  # Started directly, not through npx (killing npx leaves node running); telemetry off or it takes minutes to exit.
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry "${where[@]}" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$2" --queuePort "$3" --tablePort "$4" >"$1/azurite.log" 2>&1 &
  PIDS+=($!)
  wait_for_port azurite "$4" 30 && wait_for_port azurite "$3" 30
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$2/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$3/devstoreaccount1;TableEndpoint=http://127.0.0.1:$4/devstoreaccount1;"
}

# start_maildev DIR SMTP WEB
start_maildev() {
  mkdir -p "$1/mail"
  node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$2" -w "$3" --mail-directory "$1/mail" >"$1/maildev.log" 2>&1 &
  PIDS+=($!)
  wait_for_port maildev "$3" 30 && wait_for_port maildev "$2" 30
}
