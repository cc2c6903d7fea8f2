// npm run bench:identity: the linkage benchmark, then the search benchmark when it exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

for (const name of ['linkage.ts', 'search.ts']) {
  const file = path.join(import.meta.dirname, name);
  if (!existsSync(file)) continue;
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
