import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { chromiumPath } from './chromium';

const root = path.resolve(__dirname, '../..');
const harnessDir = path.join(__dirname, 'dist');

/**
 * Fixes the fixture's clock, so the screenshots only change when the UI does. The fixture ends
 * ten minutes earlier, at 11:55 UTC, between two ticks of the time axis.
 */
const FIXTURE_NOW = '2026-11-26T12:05:00Z';

/**
 * Builds the harness bundle while the devserver starts a Prometheus over each of testenv's default
 * and anomaly fixtures and over three days of the demo generator's history (the demo fixture),
 * with a datasource over each, and hands the devserver's URL to the tests in HARNESS_URL. The
 * returned function stops it all.
 * Missing tools fail the run here, before any test, with what to install.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = chromiumPath();
  if (!isExecutable(chromium)) {
    throw new Error(
      `browser tests need Chromium, not found at ${chromium}: apt-get install -y chromium, or set CHROMIUM_PATH`
    );
  }
  for (const [tool, install] of [
    ['go', 'install Go (version in go.mod)'],
    ['prometheus', 'apt-get install -y prometheus'],
    ['promtool', 'apt-get install -y prometheus'],
    ['node', 'install Node (the demo fixture runs the demo generator)'],
  ]) {
    if (!onPath(tool)) {
      throw new Error(`browser tests need ${tool}, not found on PATH: ${install}`);
    }
  }
  const [build, server] = await Promise.allSettled([buildHarness(), startDevserver()]);
  if (build.status === 'rejected') {
    if (server.status === 'fulfilled') {
      await server.value.stop();
    }
    throw build.reason;
  }
  if (server.status === 'rejected') {
    throw server.reason;
  }
  process.env.HARNESS_URL = server.value.url;
  return server.value.stop;
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, tool)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function buildHarness() {
  const webpack = path.join(root, 'node_modules/.bin/webpack');
  try {
    await promisify(execFile)(webpack, ['-c', path.join(__dirname, 'webpack.config.ts')], {
      cwd: root,
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
    throw new Error(`building the harness failed:\n${stdout}${stderr}`);
  }
}

interface Server {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Builds and starts tools/devserver. It is built rather than `go run` so that stopping it
 * stops the server itself, which then stops its Prometheus; --exit-with-stdin ends it too if
 * this process dies without tearing down.
 */
async function startDevserver(): Promise<Server> {
  // One binary per checkout: git worktrees may share node_modules, and a run in another
  // worktree must not swap the devserver of this one.
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const bin = path.join(root, 'node_modules/.cache/browser-harness', checkout, 'devserver');
  const run = async (what: string, file: string, args: string[]) => {
    try {
      await promisify(execFile)(file, args, { cwd: root });
    } catch (e) {
      const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
      throw new Error(`${what} failed:\n${stdout}${stderr || e}`);
    }
  };
  // The demo fixture is backfilled by the demo generator, which must be built from its sources.
  await Promise.all([
    run('go build ./tools/devserver', 'go', ['build', '-o', bin, './tools/devserver']),
    run('npm run demo:build', path.join(root, 'node_modules/.bin/tsc'), ['-p', 'demo/tsconfig.json']),
  ]);
  const args = [
    '--fixture',
    'default,anomaly,demo',
    '--fixture-now',
    FIXTURE_NOW,
    '--static',
    harnessDir,
    // The SLO catalog of every datasource: the all-SLOs query of the list views reads it.
    '--slos',
    path.join(root, 'tests/browser/harness/slos.json'),
    '--exit-with-stdin',
  ];
  const child = spawn(bin, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk) => (log += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('no address after 180 s')), 180_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`devserver did not start: ${err.message}\n${log}`));
    };
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`exited with ${signal ?? code}`)));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(out.slice(0, newline).trim());
      }
    });
  });
  return { url, stop: () => stop(child) };
}

/** SIGTERM, and SIGKILL if the devserver has not stopped its Prometheus and exited within 15 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
