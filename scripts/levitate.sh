#!/usr/bin/env bash
# Checks every module entry (app root and nested plugins) against the given
# @grafana/* version with levitate, as grafana/plugin-actions/is-compatible does
# for single-plugin repositories.
#
# One report levitate gives against older packages is not an incompatibility:
# a parameter type shown as `-type X` / `+X`, where the only change is the
# `type` modifier of the export that names X (13.x exports its types with
# `export { type X }`); the interface itself is the same (for
# PanelOptionsEditorConfig between 12.3.3 and 13.1.0, types/panel.d.ts is
# identical). A module whose every finding is of that kind passes, with a note.
set -euo pipefail
version=${1:?usage: levitate.sh <grafana packages version>}
targets="@grafana/data@$version,@grafana/ui@$version,@grafana/runtime@$version,@grafana/schema@$version"

# only_type_modifier_changes REPORT: every finding is a changed parameter type
# whose removed and added lines differ only by a leading "type ".
only_type_modifier_changes() {
  local findings params modifier_only
  findings=$(grep -cE '^[0-9]+\) ' "$1" || true)
  params=$(grep -c '^Parameter type changed:' "$1" || true)
  modifier_only=$(awk '/^-type [A-Za-z0-9_.<>, ]+$/ { name = substr($0, 7); next }
    /^\+/ && name != "" { if (substr($0, 2) == name) n++; name = ""; next }
    { name = "" } END { print n + 0 }' "$1")
  [[ $findings -gt 0 && $findings -eq $params && $findings -eq $modifier_only ]]
}

status=0
for module in $(find src -name 'module.ts' -o -name 'module.tsx' | sort); do
  echo "levitate: $module against $version"
  report=$(mktemp)
  if npx -y @grafana/levitate@0.17.2 is-compatible --path "$module" --target "$targets" | tee "$report"; then
    :
  elif only_type_modifier_changes "$report"; then
    echo "levitate: $module: every finding is an export's 'type' modifier only: compatible"
  else
    status=1
  fi
  rm -f "$report"
done
exit $status
