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
# Azurite finds an entity by RowKey first, which makes every request cost O(N) here (bench/README.md, "The emulator");
# the preload makes it look in the partition first, as Table Storage does. BILLING_BENCH_STOCK_AZURITE=1 runs it as shipped.
if [ "${BILLING_BENCH_STOCK_AZURITE:-}" = 1 ]; then
  export BILLING_BENCH_TARGET="azurite (stock)"
else
  export BILLING_BENCH_TARGET="azurite (partition-first lookups)"
  export NODE_OPTIONS="--require $root/bench/emulator/partition-first-lookups.js --max-old-space-size=8192"
fi
start_azurite "$work" "$(free_port)" "$(free_port)" "$(free_port)"
unset NODE_OPTIONS
say "storage: $BILLING_BENCH_TARGET"
export BILLING_BENCH_STORAGE="$AZURITE_CONNECTION"
dotnet run -c Release --project bench/Billing.Bench -- --out bench/results "$@"
