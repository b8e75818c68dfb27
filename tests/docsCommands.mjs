// Checks a shell command of the user guide against the repository: npm scripts,
// make targets, Go packages and test names, files, and the HTTP endpoints of
// Prometheus, Grafana and the demo generator. Returns the problems found ([] when none).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

import { root } from './docsCheck.mjs';

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const makeTargets = new Set(
  [...readFileSync(join(root, 'Makefile'), 'utf8').matchAll(/^([A-Za-z0-9_.-]+):/gm)].map((m) => m[1])
);
const goMod = readFileSync(join(root, 'go.mod'), 'utf8');

// Prometheus HTTP API endpoints the guide may call (Prometheus docs, "HTTP API":
// https://prometheus.io/docs/prometheus/latest/querying/api/); Mimir, Thanos and
// VictoriaMetrics serve the same paths under their prefixes.
const PROMETHEUS_API = [
  '/api/v1/query',
  '/api/v1/query_range',
  '/api/v1/series',
  '/api/v1/labels',
  /^\/api\/v1\/label\/[^/]+\/values$/,
  '/api/v1/targets',
  '/api/v1/status/buildinfo',
  '/api/v1/status/config',
  '/api/v1/status/flags',
];
// Grafana HTTP API endpoints (Grafana docs, "HTTP API reference":
// https://grafana.com/docs/grafana/latest/developers/http_api/).
const GRAFANA_API = [
  '/api/health',
  /^\/api\/datasources\/uid\/[^/]+\/health$/,
  /^\/api\/datasources\/uid\/[^/]+\/resources\/(metrics|labels|label-values|slos)$/,
  /^\/api\/admin\/provisioning\/(datasources|plugins|dashboards|alerting)\/reload$/,
  '/api/v1/provisioning/alert-rules',
  '/api/v1/provisioning/contact-points',
  '/api/v1/provisioning/policies',
  '/api/ds/query',
  '/api/prometheus/grafana/api/v1/rules',
];
// Tools the guide may use that the repository does not define.
const STANDARD_TOOLS = new Set(['curl', 'grep', 'jq', 'sha256sum', 'unzip', 'echo', 'export']);
const COMPOSE_COMMANDS = new Set(['up', 'down', 'logs', 'ps', 'restart', 'build', 'config', 'pull', 'stop']);
const REPO_DIRS = /^(\.\/)?(demo|docs|pkg|provisioning|scripts|src|tests)\//;

const matches = (patterns, path) => patterns.some((p) => (typeof p === 'string' ? p === path : p.test(path)));

/** The commands of an sh block: continuation lines joined, comments dropped, split at && || ; and |. */
export function commandsOf(body, firstLine) {
  const out = [];
  let pending = '';
  let start = 0;
  body.forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (pending === '') {
      start = firstLine + 1 + i;
    }
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      return;
    }
    const text = (pending + line).trim();
    pending = '';
    for (const segment of text.split(/\s*(?:&&|\|\||;|\|)\s*/)) {
      if (segment !== '') {
        out.push({ text: segment, line: start });
      }
    }
  });
  return out;
}

/** Words of a command, quotes removed. */
export function words(text) {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const pathExists = (p) => existsSync(join(root, p.replace(/\/\.\.\.$/, '').replace(/^\.\//, '')));

/** Whether some file or directory starts with the prefix (a Jest path pattern). */
function prefixExists(prefix) {
  const p = join(root, prefix);
  if (existsSync(p)) {
    return true;
  }
  const dir = dirname(p);
  return existsSync(dir) && readdirSync(dir).some((name) => name.startsWith(basename(p)));
}

function goFiles(dir, recursive) {
  const abs = join(root, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    return [];
  }
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) {
      return recursive && e.name !== 'testdata' ? goFiles(join(dir, e.name), true) : [];
    }
    return e.name.endsWith('.go') ? [join(dir, e.name)] : [];
  });
}

const GO_VALUE_FLAGS = new Set([
  '-run',
  '-bench',
  '-benchtime',
  '-count',
  '-tags',
  '-timeout',
  '-fuzz',
  '-fuzztime',
  '-o',
  '-p',
]);

function checkGo(args) {
  const [sub, ...rest] = args;
  if (!['test', 'vet', 'build', 'run'].includes(sub)) {
    return [`go ${sub}: not a go command the guide uses`];
  }
  const problems = [];
  const flags = {};
  const targets = [];
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split('=', 2);
    if (GO_VALUE_FLAGS.has(flag)) {
      flags[flag] = inline ?? rest[++i];
    } else if (rest[i].startsWith('-')) {
      continue;
    } else {
      targets.push(rest[i]);
      if (sub === 'run') {
        break; // the program's own arguments follow
      }
    }
  }
  if (targets.length === 0) {
    return [`go ${sub}: no package`];
  }
  const files = [];
  for (const t of targets) {
    if (sub === 'run' && !t.startsWith('.') && goMod.includes(t)) {
      continue; // a module of go.mod, such as github.com/magefile/mage
    }
    const recursive = t.endsWith('/...');
    const dir = t.replace(/\/\.\.\.$/, '').replace(/^\.\//, '');
    const found = goFiles(dir, recursive);
    if (found.length === 0) {
      problems.push(`go ${sub}: no Go package at ${t}`);
    }
    files.push(...found);
  }
  // Test, benchmark and fuzz names the patterns spell out must exist.
  const tests = files.filter((f) => f.endsWith('_test.go')).map((f) => readFileSync(join(root, f), 'utf8'));
  const defined = tests.flatMap((src) =>
    [...src.matchAll(/^func ((?:Test|Benchmark|Fuzz|Example)\w*)\(/gm)].map((m) => m[1])
  );
  for (const [flag, kinds, what] of [
    ['-run', /^(Test|Fuzz|Example)/, 'Test, Fuzz or Example'],
    ['-bench', /^Benchmark/, 'Benchmark'],
    ['-fuzz', /^Fuzz/, 'Fuzz'],
  ]) {
    for (const name of (flags[flag] ?? '').match(/[A-Za-z][A-Za-z0-9_]{2,}/g) ?? []) {
      if (!defined.some((d) => kinds.test(d) && d.includes(name))) {
        problems.push(
          `go ${sub} ${flag} ${flags[flag]}: no ${what} function matches "${name}" in ${targets.join(' ')}`
        );
      }
    }
  }
  return problems;
}

function checkURL(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return [`not a URL: ${url}`];
  }
  const path = u.pathname.replace(/\/$/, '') || '/';
  if (u.port === '9464') {
    const demo = readdirSync(join(root, 'demo/src'), { recursive: true })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'demo/src', f), 'utf8'))
      .join('\n');
    return path === '/' || demo.includes(`'${path}`) || demo.includes(`"${path}`)
      ? []
      : [`the demo generator serves no ${path}`];
  }
  if (u.port === '9090' || (path.startsWith('/api/v1/') && !path.startsWith('/api/v1/provisioning'))) {
    const api = path.replace(/^.*?(\/api\/v1\/)/, '$1'); // Mimir's /prometheus prefix and the like
    return matches(PROMETHEUS_API, api) ? [] : [`${api} is not a Prometheus API endpoint the guide knows`];
  }
  return matches(GRAFANA_API, path) ? [] : [`${path} is not a Grafana API endpoint the guide knows`];
}

/** Problems of one command. */
export function checkCommand(text) {
  const all = words(text);
  let i = 0;
  while (i < all.length && /^[A-Z_][A-Z0-9_]*=/.test(all[i])) {
    i++; // environment assignments
  }
  const [program, ...args] = all.slice(i);
  if (program === undefined) {
    return [];
  }
  const problems = args
    .filter((a) => REPO_DIRS.test(a) && !a.includes('*') && !a.includes('<') && !pathExists(a))
    .map((a) => `${a} does not exist`);
  switch (program) {
    case 'npm':
      if (args[0] === 'run') {
        return [
          ...problems,
          ...(packageJson.scripts[args[1]] ? [] : [`npm run ${args[1]}: no such script in package.json`]),
        ];
      }
      return [...problems, ...(args[0] === 'ci' ? [] : [`npm ${args[0]}: not a command the guide uses`])];
    case 'npx':
      if (args[0] !== 'jest') {
        return [...problems, `npx ${args[0]}: not a command the guide uses`];
      }
      return [
        ...problems,
        ...args
          .slice(1)
          .filter((a) => !a.startsWith('-') && !prefixExists(a))
          .map((a) => `npx jest ${a}: no test path starts so`),
      ];
    case 'make':
      return [
        ...problems,
        ...args
          .filter((a) => !a.startsWith('-') && !a.includes('=') && !makeTargets.has(a))
          .map((a) => `make ${a}: no such target in the Makefile`),
      ];
    case 'go':
      return [...problems, ...checkGo(args)];
    case 'node': {
      const script = args.find((a) => !a.startsWith('-'));
      return [...problems, ...(script && pathExists(script) ? [] : [`node ${script}: no such file`])];
    }
    case 'docker':
      if (args[0] !== 'compose' || !COMPOSE_COMMANDS.has(args[1])) {
        return [...problems, `docker ${args.slice(0, 2).join(' ')}: not a compose command`];
      }
      return [...problems, ...(pathExists('docker-compose.yaml') ? [] : ['docker-compose.yaml does not exist'])];
    case 'curl':
      return [...problems, ...args.filter((a) => /^https?:\/\//.test(a)).flatMap(checkURL)];
  }
  if (REPO_DIRS.test(program)) {
    return pathExists(program) ? problems : [...problems, `${program} does not exist`];
  }
  return STANDARD_TOOLS.has(program) ? problems : [...problems, `${program}: not a command the guide knows`];
}
