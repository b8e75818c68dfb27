import CopyWebpackPlugin from 'copy-webpack-plugin';
import { createHash } from 'crypto';
import path from 'path';
import type { Configuration } from 'webpack';

// The browser harness: one page that renders the plugin's components outside Grafana. Unlike the
// plugin build, React and @grafana/* are bundled, since no Grafana is there to provide them.
const root = path.resolve(__dirname, '../..');
const outDir = path.resolve(__dirname, 'dist');

const fonts = [
  ['inter/files/inter-latin-400-normal', 'inter/Inter-Regular'],
  ['inter/files/inter-latin-500-normal', 'inter/Inter-Medium'],
  ['inter/files/inter-latin-400-italic', 'inter/Inter-Italic'],
  ['inter/files/inter-latin-500-italic', 'inter/Inter-MediumItalic'],
  // Grafana serves one variable-weight file for 400 and 500.
  [
    'roboto-mono/files/roboto-mono-latin-400-normal',
    'roboto/L0xTDF4xlVMF-BfR8bXMIhJHg45mwgGEFl0_3vrtSM1J-gEPT5Ese6hmHSh0mQ',
  ],
];

const config: Configuration = {
  // HARNESS_MODE=production builds React and the panels as Grafana ships them, for the benchmark.
  mode: process.env.HARNESS_MODE === 'production' ? 'production' : 'development',
  devtool: false,
  context: root,
  entry: { harness: './tests/browser/harness/index.tsx' },
  output: { path: outDir, filename: '[name].js', publicPath: '/', clean: true },
  cache: {
    type: 'filesystem',
    cacheDirectory: path.join(root, 'node_modules/.cache/webpack-browser-harness'),
    // A cache per checkout: git worktrees may share node_modules, and CopyWebpackPlugin keys its
    // entries by relative path, so another worktree's index.html could be copied.
    name: createHash('sha256').update(root).digest('hex').slice(0, 12),
    // index.html too: CopyWebpackPlugin's cached copy of it does not follow edits of the file.
    buildDependencies: { config: [__filename, path.join(__dirname, 'harness/index.html')] },
  },
  performance: { hints: false },
  stats: 'errors-warnings',
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: { jsc: { target: 'es2020', parser: { syntax: 'typescript', tsx: true } } },
        },
      },
      // Some ESM packages import their own files without extensions.
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.svg$/, type: 'asset/resource', generator: { filename: 'img/[name][ext]' } },
    ],
  },
  resolve: {
    extensions: ['.js', '.jsx', '.ts', '.tsx'],
    // As in the plugin build: src/ is a module root.
    modules: [path.join(root, 'src'), 'node_modules'],
  },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: 'tests/browser/harness/index.html' },
        // <Icon> loads its SVGs from ${__grafana_public_path__}build/img/icons/.
        { from: 'node_modules/@grafana/ui/dist/public/img/icons', to: 'public/build/img/icons' },
        // <GlobalStyles> loads Grafana's fonts from ${__grafana_public_path__}fonts/; the npm
        // packages have the same faces under other names.
        ...fonts.map(([from, to]) => ({
          from: `node_modules/@fontsource/${from}.woff2`,
          to: `public/fonts/${to}.woff2`,
        })),
      ],
    }),
  ],
};

export default config;
