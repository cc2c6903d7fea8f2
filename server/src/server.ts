import { loadConfig } from './config';
import { demoSignInTable } from './features/demo/demo.service';
import { startLotse } from './lotse';

const config = loadConfig();
const lotse = await startLotse(config);
await lotse.app.listen({ port: config.port, host: config.host });

const where = config.databaseUrl
  ? 'PostgreSQL server (DATABASE_URL)'
  : `embedded PGlite in ${config.dataDir}`;
console.log(`\nLotse is running at ${config.publicUrl} (${config.mode} mode, ${where}).`);
if (config.mode === 'demo')
  console.log(`${lotse.seeded ? 'Seeded' : 'Using'} the demo municipality.\n${demoSignInTable()}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    lotse.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
