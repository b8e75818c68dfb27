// Dates in tests are UTC regardless of the machine.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');
const swc = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  ...base,
  // d3-color >= 3.1.1 ships .mjs, which the scaffold's transform does not match.
  transform: { ...base.transform, '^.+\\.mjs$': swc },
  // @grafana/plugin-ui imports @marcbachmann/cel-js, published as ESM only; yaml's browser build
  // (jsdom's export condition) is ESM too.
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@marcbachmann/cel-js', 'yaml'])],
  // The demo workload (demo/src) and the dashboards' generator (dashboards/src) are Node code with their own tests.
  testMatch: [...base.testMatch, '<rootDir>/demo/**/*.test.ts', '<rootDir>/dashboards/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/demo/dist/'],
  // A timeout here only catches a hung test, never a slow machine: the editor tests type
  // through real @grafana/ui components and take minutes when CI shares its 2 cores.
  testTimeout: 15 * 60 * 1000,
};
