// Checks the built plugin the way Grafana's plugin validator does for the
// analyzers that run offline (archive, metadata, includesnested,
// backendbinary, logos, readme/changelog/license, version), since the
// validator itself is not obtainable from the Go module proxy.
// Run after `npm run build` and `go run github.com/magefile/mage -v` (all platforms): node --test tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { binaryHeader } from './binaryHeader.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
const readJSON = (p) => JSON.parse(readFileSync(join(dist, p), 'utf8'));
const idPattern = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;

const app = readJSON('plugin.json');
const nested = app.includes.filter((i) => i.type === 'datasource' || i.type === 'panel');

test('the app and every nested plugin have a module and metadata in dist', () => {
  assert.equal(app.type, 'app');
  assert.equal(app.id, 'claudeenhancer-monitoring-app');
  for (const p of ['module.js', 'plugin.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg', 'docs/README.md']) {
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

// The platforms Grafana's own backend plugins ship for; Grafana picks
// <executable>_<os>_<arch>[.exe] for the host it runs on.
const platforms = [
  ['linux', 'amd64'],
  ['linux', 'arm64'],
  ['linux', 'arm'],
  ['darwin', 'amd64'],
  ['darwin', 'arm64'],
  ['windows', 'amd64'],
];
const ds = readJSON('datasource/plugin.json');
const binaryName = (os, arch) => `${ds.executable}_${os}_${arch}${os === 'windows' ? '.exe' : ''}`;

test('backendbinary: a Go backend for each of the six platforms, of the format and CPU its name says', () => {
  assert.equal(ds.backend, true);
  assert.equal(ds.alerting, true, 'the datasource must be usable in Grafana Alerting');
  for (const [os, arch] of platforms) {
    const bin = join(dist, 'datasource', binaryName(os, arch));
    assert.ok(existsSync(bin), `${bin} is missing: run go run github.com/magefile/mage -v`);
    assert.ok(statSync(bin).mode & 0o111, `${bin} is not executable`);
    const header = binaryHeader(bin);
    assert.deepEqual([header.os, header.arch], [os, arch], `${bin} header`);
    assert.equal(header.bits, arch === 'arm' ? 32 : 64, `${bin} word size`);
    const info = execFileSync('go', ['version', '-m', bin], { encoding: 'utf8' });
    assert.match(info, /github\.com\/grafana\/grafana-plugin-sdk-go/);
    assert.match(info, new RegExp(`GOOS=${os}\\b`));
    assert.match(info, new RegExp(`GOARCH=${arch}\\b`));
    assert.match(info, /CGO_ENABLED=0/, `${bin} must be static`);
  }
});

test('binaryHeader reads the format and architecture, not the file name', () => {
  const linux = join(dist, 'datasource', binaryName('linux', 'amd64'));
  const misnamed = join(mkdtempSync(join(tmpdir(), 'ce-bin-')), binaryName('linux', 'arm64'));
  copyFileSync(linux, misnamed);
  assert.deepEqual(binaryHeader(misnamed), { os: 'linux', arch: 'amd64', bits: 64 });
  const text = join(dirname(misnamed), 'text');
  writeFileSync(text, '#!/bin/sh\n');
  assert.throws(() => binaryHeader(text), /not an ELF/);
});

test('archive: one folder named after the plugin id, every platform, and its checksums', () => {
  const archive = execFileSync(join(root, 'scripts/package.sh'), [join('artifacts')], {
    encoding: 'utf8',
    env: { ...process.env, GRAFANA_ACCESS_POLICY_TOKEN: '' },
  }).trim();
  const listing = execFileSync('unzip', ['-Z1', archive], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(listing.every((f) => f.startsWith(`${app.id}/`)), 'entries outside the plugin folder');
  for (const f of ['module.js', 'plugin.json', 'datasource/plugin.json', 'datasource/module.js']) {
    assert.ok(listing.includes(`${app.id}/${f}`), `${f} is not in the archive`);
  }
  for (const [os, arch] of platforms) {
    assert.ok(listing.includes(`${app.id}/datasource/${binaryName(os, arch)}`), `no ${os}/${arch} backend in the archive`);
  }
  const modes = execFileSync('zipinfo', [archive, `${app.id}/datasource/gpx_*`], { encoding: 'utf8' });
  assert.ok(modes.split('\n').filter(Boolean).every((l) => l.startsWith('-rwx')), 'backend binaries lose the executable bit');
  const bytes = readFileSync(archive);
  const [md5] = readFileSync(`${archive}.md5`, 'utf8').split(/\s+/);
  const [sha256] = readFileSync(`${archive}.sha256`, 'utf8').split(/\s+/);
  assert.equal(md5, createHash('md5').update(bytes).digest('hex'));
  assert.equal(sha256, createHash('sha256').update(bytes).digest('hex'));
});

test("the README's install steps put every plugin.json and this host's backend where Grafana looks", () => {
  const archive = execFileSync(join(root, 'scripts/package.sh'), [join('artifacts')], {
    encoding: 'utf8',
    env: { ...process.env, GRAFANA_ACCESS_POLICY_TOKEN: '' },
  }).trim();
  // The shell block of step 2, run as written with the plugins folder swapped for a temporary one.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const step = readme.match(/2\. \*\*Unpack it[\s\S]*?```sh\n([\s\S]*?)```/);
  assert.ok(step, 'README: step 2 of "Install into your Grafana" has no shell block');
  const plugins = mkdtempSync(join(tmpdir(), 'ce-plugins-'));
  const script = step[1].replaceAll('/var/lib/grafana/plugins/', `${plugins}/`).replace(/^\s+/gm, '');
  execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: dirname(archive) });

  // Grafana's plugin finder reads <plugins>/<folder>/plugin.json and the nested
  // plugin.json files the app includes; the backend it starts is
  // <executable>_<GOOS>_<GOARCH>[.exe] beside the datasource's plugin.json.
  const appDir = join(plugins, app.id);
  assert.equal(JSON.parse(readFileSync(join(appDir, 'plugin.json'), 'utf8')).id, app.id);
  for (const inc of nested) {
    assert.ok(existsSync(join(appDir, inc.path)), `${inc.path} not where Grafana looks`);
  }
  const hostArch = { x64: 'amd64', arm64: 'arm64', arm: 'arm' }[process.arch];
  const hostBinary = join(appDir, 'datasource', binaryName(process.platform === 'win32' ? 'windows' : process.platform, hostArch));
  assert.ok(statSync(hostBinary).mode & 0o111, `${hostBinary} is not executable after unzip`);
});
