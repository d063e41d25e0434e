#!/usr/bin/env bash
# Runs the product locally: installs the npm tools if needed, starts Azurite (data kept in .run/local) and
# maildev, starts the server with a demo tenant, and prints the URLs to try. Ctrl+C stops everything.
set -euo pipefail
SCRIPT_NAME=run
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib.sh

port=${BILLING_PORT:-5080}
work="$root/.run/local"
mkdir -p "$work"
trap stop_services EXIT

ensure_node_tools
start_azurite "$work" 10000 10001 10002 persist
start_maildev "$work" 1025 1080

# Local secrets are made once per checkout and kept out of git (.run/ is ignored).
secrets="$work/dev-secrets.env"
if [ ! -f "$secrets" ]; then
  rnd() { node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))'; }
  printf 'FUNCTION_KEY=%s\nADMIN_KEY=%s\nWEBHOOK_SECRET=%s\n' "$(rnd)" "$(rnd)" "$(rnd)" >"$secrets"
fi
# The key that seals tenants' provider secrets (F11); added to checkouts whose secrets file predates it.
grep -q '^MERCHANT_KEK=' "$secrets" || printf 'MERCHANT_KEK=%s\n' "$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" >>"$secrets"
source "$secrets"

export Storage__ConnectionString="$AZURITE_CONNECTION"
export Payments__Sandbox__WebhookSecret="$WEBHOOK_SECRET"
export Payments__Merchants__KeyEncryptionKey="$MERCHANT_KEK"
export Api__PublicBaseUrl="http://127.0.0.1:$port"
export Security__Keys__0__Name="local crm" Security__Keys__0__Role=Crm Security__Keys__0__Key="$FUNCTION_KEY"
export Security__Keys__1__Name="local operator" Security__Keys__1__Role=Operator Security__Keys__1__Key="$ADMIN_KEY"
export Demo__Enabled=true
export Demo__MailInboxUrl="http://127.0.0.1:1080"
export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=1025
# The vendor's public offer, linked on invoices of tenants that set none (F3); a deployment sets its real one.
export CustomerBilling__DefaultPublicOfferUrl="${BILLING_DEFAULT_OFFER_URL:-http://127.0.0.1:$port/public-offer}"

say "crm key (x-api-key):      $FUNCTION_KEY"
say "operator key (x-api-key): $ADMIN_KEY"
say "starting the server on http://127.0.0.1:$port (the demo URLs follow once it listens)"
dotnet run --project functions/Billing.Server --urls "http://127.0.0.1:$port"
