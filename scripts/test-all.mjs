// `npm test`: format check, lint, type check, the tests on embedded PGlite, again on PostgreSQL when
// TEST_DATABASE_URL is set, and the browser tests. Ends with one line "N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, '.test-output');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function vitest(label, file, env) {
  const ok = run(
    label,
    'vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    env,
  );
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (!ok && r.numFailedTests === 0) failed++;
  } catch {
    failed++;
  }
  if (!ok) failures.push(label);
}

check('format check (prettier)', 'prettier', ['--check', '.']);
check('lint (eslint, zero warnings)', 'eslint', ['--max-warnings', '0', '.']);
check('type check (tsc)', 'tsc', ['-p', 'tsconfig.json', '--noEmit']);

const pgUrl = process.env.TEST_DATABASE_URL;
vitest('tests on embedded PGlite', path.join(out, 'vitest-pglite.json'), { TEST_DATABASE_URL: '' });
if (pgUrl)
  vitest('tests on PostgreSQL (TEST_DATABASE_URL)', path.join(out, 'vitest-postgres.json'), {
    TEST_DATABASE_URL: pgUrl,
  });
else console.log('\nTEST_DATABASE_URL is not set: the suite ran on embedded PGlite only.');

// A browser: Debian's Chromium, or Playwright's own; where neither is there, try to install Playwright's.
function hasBrowser() {
  if (fs.existsSync('/usr/bin/chromium')) return true;
  const cache =
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(process.env.HOME ?? '', '.cache', 'ms-playwright');
  return fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('chromium'));
}
if (!hasBrowser()) {
  console.log('\nNo Chromium found; trying `playwright install chromium` …');
  spawnSync('playwright', ['install', 'chromium'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
}

if (!hasBrowser()) {
  console.log(
    '\nThe browser tests need Chromium. Install one of:\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium   (used from /usr/bin/chromium)\n' +
      "  elsewhere:     npx playwright install chromium (Playwright's own build)",
  );
  failed++;
  failures.push('browser tests (no browser)');
} else if (!run('build the web app', 'npm', ['run', 'build:web', '--silent'])) {
  failed++;
  failures.push('web build');
} else {
  const file = path.join(out, 'playwright.json');
  const ok = run('browser tests (Playwright)', 'playwright', ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    if (!ok && s.unexpected === 0) failed++;
  } catch {
    failed++;
  }
  if (!ok) failures.push('browser tests');
}

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length ? 1 : 0);
