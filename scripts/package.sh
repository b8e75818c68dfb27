#!/usr/bin/env bash
# Packages dist/ the way Grafana's catalog expects: a zip holding one folder
# named after the plugin id. Prints the archive path.
set -euo pipefail
cd "$(dirname "$0")/.."
id=$(node -p "require('./dist/plugin.json').id")
version=$(node -p "require('./dist/plugin.json').info.version")
out=${1:-artifacts}
mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r dist "$stage/$id"
chmod +x "$stage/$id"/datasource/gpx_* 2>/dev/null || true
archive="$PWD/$out/$id-$version.zip"
rm -f "$archive"
(cd "$stage" && zip -qr "$archive" "$id")
echo "$archive"
