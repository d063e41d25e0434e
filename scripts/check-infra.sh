#!/usr/bin/env bash
# Builds and lints every Bicep file in infra/ with the Bicep CLI from NuGet (works offline). Lint warnings fail.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet restore tools/Bicep/Bicep.csproj --nologo -v:q >/dev/null
bicep=$(dotnet msbuild tools/Bicep/Bicep.csproj -t:PrintBicepPath -nologo -v:m | sed -n 's/.*BICEP=//p' | tr -d '[:space:]')
[ -x "$bicep" ] || chmod +x "$bicep"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$bicep" build infra/main.bicep --outdir "$out" 2>"$out/build.log" || { cat "$out/build.log"; exit 1; }
count=0
problems=0
while IFS= read -r file; do
  count=$((count + 1))
  if ! "$bicep" lint "$file" >"$out/lint.log" 2>&1 || [ -s "$out/lint.log" ]; then
    cat "$out/lint.log"
    problems=$((problems + $(grep -cE ': (Warning|Error) ' "$out/lint.log" || echo 1)))
  fi
done < <(find infra -name '*.bicep' | sort)
if [ -s "$out/build.log" ]; then cat "$out/build.log"; problems=$((problems + $(grep -cE ': (Warning|Error) ' "$out/build.log" || echo 1))); fi
echo "infra: $count bicep files built and linted, $problems warnings"
[ "$problems" -eq 0 ]
