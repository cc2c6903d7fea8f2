import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { verifyAll } from './features/audit/audit.service';
import { provisionMunicipality } from './features/organisation/organisation.service';

const USAGE = `Usage: npm run lotse -- <command>

Commands:
  audit verify                     check every audit hash chain; names the first broken entry (exit 1 if broken)
  migrate                          apply pending database migrations
  bootstrap --municipality NAME --slug SLUG --username USER [--password PW] [--display-name NAME]
                                   production set-up: create a municipality with its first administrator
                                   (prints a generated password when none is given)

The database is DATABASE_URL, or embedded PGlite in DATA_DIR (default ./data).`;

/** Runs one CLI command; returns the exit code. Output goes to the given writer (tests capture it). */
export async function runCli(
  argv: string[],
  out: (line: string) => void,
  env = process.env,
): Promise<number> {
  const [cmd, sub] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    out(USAGE);
    return cmd ? 0 : 2;
  }
  const config = loadConfig(env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    if (cmd === 'migrate') {
      out('Migrations applied.');
      return 0;
    }
    if (cmd === 'audit' && sub === 'verify') {
      const r = await verifyAll(db);
      if (r.ok) {
        out(`Audit log intact: ${r.checked} entries checked.`);
        return 0;
      }
      out(
        `Audit log BROKEN at entry ${r.firstBroken!.seq}: ${r.firstBroken!.reason}. (${r.checked} entries checked.)`,
      );
      return 1;
    }
    if (cmd === 'bootstrap') {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: {
          municipality: { type: 'string' },
          slug: { type: 'string' },
          username: { type: 'string' },
          password: { type: 'string' },
          'display-name': { type: 'string' },
        },
      });
      if (!values.municipality || !values.slug || !values.username) {
        out('bootstrap needs --municipality, --slug and --username.\n\n' + USAGE);
        return 2;
      }
      const password = values.password ?? randomBytes(12).toString('base64url');
      if (password.length < 10) {
        out('The password must be at least 10 characters.');
        return 2;
      }
      await provisionMunicipality(db, {
        municipality: { slug: values.slug, name: values.municipality, isDemo: false },
        sites: [],
        agencies: [
          { kind: 'agency', code: 'verwaltung', name: 'Verwaltung', legalDomains: ['none'], site: null },
        ],
        staff: [
          {
            username: values.username.toLowerCase(),
            displayName: values['display-name'] ?? 'Administration',
            agency: 'verwaltung',
            roles: ['municipal_admin'],
            password,
          },
        ],
      });
      out(
        `Created ${values.municipality} (${values.slug}) with administrator ${values.username.toLowerCase()}.`,
      );
      if (!values.password) out(`Generated password: ${password}  (change it after the first sign-in)`);
      return 0;
    }
    out(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2), (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
