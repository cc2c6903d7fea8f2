import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Password, Username } from '@lotse/common';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { verifyAll } from './features/audit/audit.service';
import { runIdentityMatch } from './features/identity/identity.cli';
import { provisionMunicipality } from './features/organisation/organisation.service';

// As the municipality table's CHECK constraint (migration 0001).
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
// Unique constraints a second bootstrap may hit, and what they concern.
const TAKEN: Record<string, 'slug' | 'username'> = {
  municipality_slug_key: 'slug',
  staff_username_key: 'username',
};

const USAGE = `Usage: npm run lotse -- <command>

Commands:
  audit verify                     check every audit hash chain; names the first broken entry (exit 1 if broken)
  migrate                          apply pending database migrations
  bootstrap --municipality NAME --slug SLUG --username USER [--password PW] [--display-name NAME]
                                   production set-up: create a municipality with its first administrator
                                   (prints a generated password when none is given)
  identity match --input people.csv [--link other.csv] [--output pairs.csv]
                                   find the records that are the same person (or link two files); writes
                                   id_a,id_b,score; needs no database ("identity match --help" for the columns)

The database is DATABASE_URL, or embedded PGlite in DATA_DIR (default ./data).`;

type BootstrapArgs = {
  municipality: string;
  slug: string;
  username: string;
  password: string;
  generatedPassword: boolean;
  displayName: string;
};

/** Reads and checks the bootstrap arguments by the API's own rules, so that the administrator can sign in later. */
function parseBootstrap(args: string[]): { problem: string } | BootstrapArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        municipality: { type: 'string' },
        slug: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'display-name': { type: 'string' },
      },
    }));
  } catch (err) {
    return { problem: `${(err as Error).message}\n\n${USAGE}` };
  }
  if (!values.municipality || !values.slug || !values.username)
    return { problem: 'bootstrap needs --municipality, --slug and --username.\n\n' + USAGE };
  if (!SLUG.test(values.slug))
    return {
      problem: 'The slug must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit.',
    };
  const username = Username.safeParse(values.username);
  if (!username.success)
    return { problem: `The user name ${username.error.issues[0]?.message ?? 'is not valid'}.` };
  const password = values.password ?? randomBytes(12).toString('base64url');
  const checked = Password.safeParse(password);
  if (!checked.success)
    return { problem: `The password ${checked.error.issues[0]?.message ?? 'is not valid'}.` };
  return {
    municipality: values.municipality,
    slug: values.slug,
    username: username.data,
    password,
    generatedPassword: values.password === undefined,
    displayName: values['display-name'] ?? 'Administration',
  };
}

/** Runs one CLI command; returns the exit code. Output goes to the given writer (tests capture it). */
export async function runCli(
  argv: string[],
  out: (line: string) => void,
  env = process.env,
  errOut: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const [cmd, sub] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    out(USAGE);
    return cmd ? 0 : 2;
  }
  // Batch matching of CSV files needs no database.
  if (cmd === 'identity' && sub === 'match') return runIdentityMatch(argv.slice(2), out, errOut);
  // Mistakes in the command line are answered before the database is opened.
  if (cmd !== 'migrate' && cmd !== 'bootstrap' && !(cmd === 'audit' && sub === 'verify')) {
    out(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const bootstrap = cmd === 'bootstrap' ? parseBootstrap(argv.slice(1)) : null;
  if (bootstrap && 'problem' in bootstrap) {
    out(bootstrap.problem);
    return 2;
  }
  const config = loadConfig(env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    if (cmd === 'audit') {
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
    if (bootstrap) {
      try {
        await provisionMunicipality(db, {
          municipality: { slug: bootstrap.slug, name: bootstrap.municipality, isDemo: false },
          sites: [],
          agencies: [
            { kind: 'agency', code: 'verwaltung', name: 'Verwaltung', legalDomains: ['none'], site: null },
          ],
          staff: [
            {
              username: bootstrap.username,
              displayName: bootstrap.displayName,
              agency: 'verwaltung',
              roles: ['municipal_admin'],
              password: bootstrap.password,
            },
          ],
        });
      } catch (err) {
        const taken = TAKEN[(err as { constraint?: string }).constraint ?? ''];
        if (!taken) throw err;
        const what = taken === 'slug' ? `slug ${bootstrap.slug}` : `user name ${bootstrap.username}`;
        out(`Nothing was created: the ${what} is already taken.`);
        return 1;
      }
      out(`Created ${bootstrap.municipality} (${bootstrap.slug}) with administrator ${bootstrap.username}.`);
      if (bootstrap.generatedPassword)
        out(`Generated password: ${bootstrap.password}  (change it after the first sign-in)`);
      return 0;
    }
    out('Migrations applied.');
    return 0;
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
