/** The system Chromium (Debian's `chromium` package); Playwright's own download is not used. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Headless flags for a container as root, without network side traffic. Playwright gives each
 * launch a fresh temporary --user-data-dir of its own.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
