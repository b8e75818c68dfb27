// Checks the dev stack's start-up order and offline settings in
// docker-compose.yaml, which no test can start here (there is no Docker
// engine); `make compose-check` validates its syntax with docker-compose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yaml'), 'utf8'));
const { services } = compose;

test('no obsolete top-level version key', () => {
  assert.equal(compose.version, undefined);
});

test('Grafana starts only once Prometheus is ready, so no rule is evaluated against a missing Prometheus', () => {
  assert.equal(services.grafana.depends_on.prometheus.condition, 'service_healthy');
  const check = services.prometheus.healthcheck.test.join(' ');
  assert.match(check, /\/-\/ready/, 'Prometheus is healthy when /-/ready answers, i.e. after the backfill');
  assert.ok(services.prometheus.healthcheck.start_period, 'the backfill takes minutes: a start period keeps it from being marked unhealthy');
  assert.equal(services.prometheus.depends_on.generator.condition, 'service_healthy');
  assert.match(services.generator.healthcheck.test.join(' '), /\/healthz/);
});

test('Grafana downloads nothing at start and loads our unsigned plugins', () => {
  const env = services.grafana.environment;
  assert.equal(env.GF_PLUGINS_PREINSTALL_DISABLED, 'true');
  const plugin = JSON.parse(readFileSync(join(root, 'src/plugin.json'), 'utf8'));
  const nested = plugin.includes.filter((i) => i.type === 'datasource' || i.type === 'panel');
  const ids = [plugin.id, ...nested.map((i) => JSON.parse(readFileSync(join(root, 'src', i.path), 'utf8')).id)];
  const allowed = env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',');
  for (const id of ids) {
    assert.ok(allowed.includes(id), `${id} is not in the unsigned allow-list`);
  }
});

test('the backend is built for the host the containers run on', () => {
  assert.match(services['build-backend'].command, /mage -v build:backend$/);
});
