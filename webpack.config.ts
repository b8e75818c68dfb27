import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

// Extends the scaffold's config (which copies only the root plugin's logos) with the
// nested plugins' images, so dist/datasource/img/logo.svg and the panels' logos exist,
// and with the user guide (docs/ at the repository root; contexts are relative to src/),
// which Grafana then serves at /public/plugins/<app id>/docs/ for the app's link to it.
const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return merge(baseConfig, {
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: '*/**/img/*', to: '[path][name][ext]', context: '.' },
          { from: 'docs/**/*', to: '[path][name][ext]', context: '..' },
        ],
      }),
    ],
  });
};

export default config;
