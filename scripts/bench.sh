#!/usr/bin/env bash
# Runs the benchmark (bench/Billing.Bench) against its own Azurite, then stops it. Arguments go to the bench:
#   scripts/bench.sh --sizes 10000,30000,100000      (default: --accounts 100000)
set -euo pipefail
SCRIPT_NAME=bench
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib.sh
work="$root/.run/bench"
mkdir -p "$work"
trap stop_services EXIT
ensure_node_tools
# Azurite finds an entity by RowKey first and keeps two sorted indexes: every request costs O(N) here (bench/README.md, "The emulator");
# the preload serves point lookups from a map by key, as Table Storage does. BILLING_BENCH_STOCK_AZURITE=1 runs it as shipped.
ports=("$(free_port)" "$(free_port)" "$(free_port)")
if [ "${BILLING_BENCH_STOCK_AZURITE:-}" = 1 ]; then
  export BILLING_BENCH_TARGET="azurite (stock)"
  start_azurite "$work" "${ports[@]}"
else
  export BILLING_BENCH_TARGET="azurite (point lookups by key)"
  NODE_OPTIONS="--require $root/bench/emulator/keyed-lookups.js --max-old-space-size=8192" start_azurite "$work" "${ports[@]}"
fi
say "storage: $BILLING_BENCH_TARGET"
export BILLING_BENCH_STORAGE="$AZURITE_CONNECTION"
dotnet run -c Release --project bench/Billing.Bench -- --out bench/results "$@"
