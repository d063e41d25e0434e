#!/usr/bin/env bash
# The test command: installs and starts everything the tests need (npm tools, Debian's Chromium, Azurite, maildev), builds the
# solution (the Functions app against the real Azure Functions Worker packages), checks the Bicep infrastructure, runs every
# test project, and stops what it started.
set -euo pipefail
SCRIPT_NAME=test
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib.sh

work="$root/.run/test"
rm -rf "$work" && mkdir -p "$work/results"
trap stop_services EXIT

ensure_node_tools
ensure_chromium
blob=$(free_port); queue=$(free_port); table=$(free_port); smtp=$(free_port); web=$(free_port)
# Table Storage serves a point read or a query inside one partition at a cost that does not grow with the table; stock Azurite
# walks every row for both, and every head read is such a query (the head with its satellites). The same preload as the bench
# (bench/emulator/keyed-lookups.js; its check-preload.js compares answers with a stock emulator) keeps the suite's time flat.
# BILLING_TEST_STOCK_AZURITE=1 runs the emulator as shipped.
if [ "${BILLING_TEST_STOCK_AZURITE:-}" = 1 ]; then
  start_azurite "$work" "$blob" "$queue" "$table"
else
  NODE_OPTIONS="--require $root/bench/emulator/keyed-lookups.js" start_azurite "$work" "$blob" "$queue" "$table"
fi
start_maildev "$work" "$smtp" "$web"
say "azurite on tables :$table queues :$queue, maildev smtp :$smtp web :$web"
export BILLING_TEST_STORAGE="$AZURITE_CONNECTION"
export BILLING_TEST_SMTP_PORT="$smtp"
export BILLING_TEST_MAILDEV_URL="http://127.0.0.1:$web"
# Browser-test screenshots are kept with the test results.
export BILLING_TEST_ARTIFACTS="$work/results/screenshots"

dotnet build Billing.Functions.sln --nologo -v:q

if [ -f scripts/check-infra.sh ]; then bash scripts/check-infra.sh; fi

set +e
dotnet test Billing.Functions.sln --no-build --nologo \
  --results-directory "$work/results" --logger "trx" 2>&1 | tee "$work/dotnet-test.log"
status=${PIPESTATUS[0]}
set -e

say "screenshots: $BILLING_TEST_ARTIFACTS"
passed=$(grep -oE 'Passed: +[0-9]+' "$work/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$work/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
echo "Tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then say "no test ran"; exit 1; fi
exit "$status"
