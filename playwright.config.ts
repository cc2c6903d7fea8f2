import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser: Debian's Chromium where it is installed (CI, this machine kind); otherwise Playwright's own
 * Chromium if `npx playwright install chromium` has put it there; otherwise stop with a message.
 */
function chromiumPath(): string | undefined {
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache', 'ms-playwright');
  if (fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('chromium'))) return undefined;
  throw new Error(
    'No browser for the browser tests. Install one of:\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium   (used from /usr/bin/chromium)\n' +
      "  elsewhere:     npx playwright install chromium (Playwright's own build)",
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'de-DE',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The README's own start command: builds the web app if needed, starts the server, prints the sign-ins.
    command: 'npm start',
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      DATA_DIR: dataDir,
      LOTSE_MODE: 'demo',
      LOG_LEVEL: 'warn',
      // Many sign-ins from one address in a short run.
      LOGIN_RATE_PER_MINUTE: '1000',
      DATABASE_URL: '',
    },
  },
});
