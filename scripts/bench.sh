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
start_azurite "$work" "$(free_port)" "$(free_port)" "$(free_port)"
export BILLING_BENCH_STORAGE="$AZURITE_CONNECTION"
dotnet run -c Release --project bench/Billing.Bench -- --out bench/results "$@"
