import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  // The browser harness and its Playwright tests: TypeScript outside src/, which the scaffold's
  // config does not match. Fixtures call Playwright's `use`, which is not a React hook.
  {
    files: ['tests/browser/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: './tests/browser/tsconfig.json' } },
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  // The dashboards' generator (dashboards/src): Node code with its own tsconfig.
  {
    files: ['dashboards/**/*.ts'],
    languageOptions: { parserOptions: { project: './dashboards/tsconfig.json' } },
  },
]);
