#!/usr/bin/env bash
# Checks every module entry (app root and nested plugins) against the given
# @grafana/* version with levitate, as grafana/plugin-actions/is-compatible does
# for single-plugin repositories.
set -euo pipefail
version=${1:?usage: levitate.sh <grafana packages version>}
targets="@grafana/data@$version,@grafana/ui@$version,@grafana/runtime@$version,@grafana/schema@$version"
status=0
for module in $(find src -name 'module.ts' -o -name 'module.tsx' | sort); do
  echo "levitate: $module against $version"
  npx -y @grafana/levitate@0.17.2 is-compatible --path "$module" --target "$targets" || status=1
done
exit $status
