/** Writes the generated dashboards into provisioning/dashboards (`npm run dashboards`). */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { format, resolveConfig } from 'prettier';

import { DASHBOARDS, render } from './index';

const dir = join(__dirname, '..', '..', 'provisioning', 'dashboards');

async function main(): Promise<void> {
  for (const [file, d] of Object.entries(DASHBOARDS)) {
    const path = join(dir, file);
    // Formatted as `npm run lint:fix` would, so it leaves the files alone.
    const options = (await resolveConfig(path)) ?? {};
    writeFileSync(path, await format(render(d), { ...options, filepath: path }));
    process.stdout.write(`wrote provisioning/dashboards/${file}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
