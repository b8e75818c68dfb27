#!/usr/bin/env bash
# Packages dist/ as Grafana's plugin installer expects it: a zip holding one
# folder named after the plugin id (grafana-cli plugins install --pluginUrl, or
# unzip into the plugins directory), plus .md5 and .sha256 files beside it.
#
#   scripts/package.sh [OUT_DIR]        (default: artifacts)
#
# Run after `npm run build` and the backend build (`go run
# github.com/magefile/mage -v` builds all six platforms); `npm run package`
# does all three. With GRAFANA_ACCESS_POLICY_TOKEN set, dist/ is signed first
# (private signature when GRAFANA_SIGN_ROOT_URLS lists the Grafana URLs it is
# for); without it the archive is unsigned and needs Grafana's allow-list.
# Prints the archive path.
set -euo pipefail
cd "$(dirname "$0")/.."
id=$(node -p "require('./dist/plugin.json').id")
version=$(node -p "require('./dist/plugin.json').info.version")
out=${1:-artifacts}
mkdir -p "$out"

if [[ -n ${GRAFANA_ACCESS_POLICY_TOKEN:-} ]]; then
  sign=(npx --yes @grafana/sign-plugin@3.3.3 --distDir dist)
  [[ -n ${GRAFANA_SIGN_ROOT_URLS:-} ]] && sign+=(--rootUrls "$GRAFANA_SIGN_ROOT_URLS")
  "${sign[@]}" >&2
else
  echo "package: GRAFANA_ACCESS_POLICY_TOKEN not set, so the archive is unsigned (see README: Install into your Grafana)" >&2
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r dist "$stage/$id"
chmod +x "$stage/$id"/datasource/gpx_* 2>/dev/null || true
archive="$PWD/$out/$id-$version.zip"
rm -f "$archive" "$archive.md5" "$archive.sha256"
(cd "$stage" && zip -qr "$archive" "$id")
(cd "$out" && md5sum "$(basename "$archive")" >"$archive.md5" && sha256sum "$(basename "$archive")" >"$archive.sha256")
echo "$archive"
