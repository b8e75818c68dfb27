// Checks the built plugin the way Grafana's plugin validator does for the
// analyzers that run offline (archive, metadata, includesnested,
// backendbinary, logos, readme/changelog/license, version), since the
// validator itself is not obtainable from the Go module proxy.
// Run after `npm run build` and `mage build:linux`: node --test tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
const readJSON = (p) => JSON.parse(readFileSync(join(dist, p), 'utf8'));
const idPattern = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;

const app = readJSON('plugin.json');
const nested = app.includes.filter((i) => i.type === 'datasource' || i.type === 'panel');

test('the app and every nested plugin have a module and metadata in dist', () => {
  assert.equal(app.type, 'app');
  assert.equal(app.id, 'claudeenhancer-monitoring-app');
  for (const p of ['module.js', 'plugin.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg']) {
    assert.ok(existsSync(join(dist, p)), `dist/${p} is missing`);
  }
  assert.ok(nested.some((i) => i.path === 'datasource/plugin.json'), 'the datasource is not in the app includes');
  for (const inc of nested) {
    const dir = dirname(inc.path);
    assert.ok(existsSync(join(dist, dir, 'module.js')), `dist/${dir}/module.js is missing`);
  }
});

test('includesnested: each nested plugin is declared with its path and type', () => {
  for (const inc of nested) {
    const meta = readJSON(inc.path);
    assert.equal(meta.type, inc.type, `${inc.path} type`);
    assert.match(meta.id, idPattern);
  }
});

test('metadata: ids, versions, dependency ranges and logos are valid', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const p of ['plugin.json', ...nested.map((i) => i.path)]) {
    const meta = readJSON(p);
    assert.match(meta.id, idPattern, `${p} id`);
    assert.equal(meta.info.version, pkg.version, `${p} version must be package.json's`);
    assert.ok(!/%[A-Z_]+%/.test(JSON.stringify(meta)), `${p} still has a build placeholder`);
    assert.ok(semver.validRange(meta.dependencies.grafanaDependency), `${p} grafanaDependency`);
    for (const logo of Object.values(meta.info.logos)) {
      assert.ok(existsSync(join(dist, dirname(p), logo)), `${p} logo ${logo} is missing`);
    }
  }
});

test('backendbinary: the datasource backend exists for linux/amd64 and is a Go binary', () => {
  const ds = readJSON('datasource/plugin.json');
  assert.equal(ds.backend, true);
  assert.equal(ds.alerting, true, 'the datasource must be usable in Grafana Alerting');
  const bin = join(dist, 'datasource', `${ds.executable}_linux_amd64`);
  assert.ok(existsSync(bin), `${bin} is missing: run go run github.com/magefile/mage -v build:linux`);
  assert.ok(statSync(bin).mode & 0o111, 'the backend binary is not executable');
  const info = execFileSync('go', ['version', '-m', bin], { encoding: 'utf8' });
  assert.match(info, /github\.com\/grafana\/grafana-plugin-sdk-go/);
  assert.match(info, /GOOS=linux/);
  assert.match(info, /GOARCH=amd64/);
});

test('archive: the zip holds one folder named after the plugin id', () => {
  const archive = execFileSync(join(root, 'scripts/package.sh'), [join('artifacts')], { encoding: 'utf8' }).trim();
  const listing = execFileSync('unzip', ['-Z1', archive], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(listing.every((f) => f.startsWith(`${app.id}/`)), 'entries outside the plugin folder');
  for (const f of ['module.js', 'plugin.json', 'datasource/plugin.json', 'datasource/module.js']) {
    assert.ok(listing.includes(`${app.id}/${f}`), `${f} is not in the archive`);
  }
  assert.ok(listing.some((f) => /datasource\/gpx_.*_linux_amd64$/.test(f)), 'no linux/amd64 backend in the archive');
});
