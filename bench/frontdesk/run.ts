// npm run bench:frontdesk: a peak day at ten times Wuppertal's load against the real server, once on the embedded
// database (PGlite) and once on PostgreSQL. Prints ticket issue, call-next and slot search latency, the time from
// call-next to the lobby displays (and phones) showing the call, errors by kind and the server's memory.
//
// The day is compressed: before the counters open a crowd of BENCH_CROWD people takes tickets and follows them on
// their phones; then the other contacts arrive evenly over BENCH_DAY_S seconds (each when it is due, answered or
// not), and the clerks' service times are set so that the counters serve everyone within that time at 90 %
// utilisation. A 10-hour opening day in 600 s is 60 times faster than real time.
//
//   BENCH_PARTS=pglite|postgres|pglite,postgres   which databases (default both)
//   BENCH_CONTACTS=10000 BENCH_COUNTERS=60 BENCH_DISPLAYS=20 BENCH_PHONES=2000   the load (the issue's figures)
//   BENCH_DAY_S=600       how long the compressed day lasts
//   BENCH_CROWD           tickets taken before the doors open (default: BENCH_PHONES, so every phone has one)
//   BENCH_ISSUERS=4 BENCH_SLOT_SEARCHERS=2   tickets the crowd takes at once; desks searching slots
//   BENCH_TIME_LIMIT_S    per database (default 1.5 x the day + 60 s); what was reached by then is printed
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres   a fresh database is made there and dropped
//   BENCH_SEED=1   the random choices (services, outcomes, languages, service times)
//   BENCH_PROFILE_DIR=/tmp/prof   writes a CPU profile of the server there (open it in Chrome's DevTools)
import fs from 'node:fs';
import os from 'node:os';
import { runDay, type DayOptions, type DayResult } from './day';
import { httpClient } from './http';
import { freePort, freshPostgres, startServer, tempDir } from './server';
import { prepareDesk } from './setup';

const env = process.env;
const num = (name: string, fallback: number) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not "${v}"`);
  return n;
};
const parts = (env.BENCH_PARTS ?? 'pglite,postgres').split(',').map((p) => p.trim());
for (const p of parts)
  if (p !== 'pglite' && p !== 'postgres')
    throw new Error(`BENCH_PARTS: "${p}" is neither pglite nor postgres`);
const load = {
  contacts: num('BENCH_CONTACTS', 10_000),
  counters: num('BENCH_COUNTERS', 60),
  displays: num('BENCH_DISPLAYS', 20),
  phones: num('BENCH_PHONES', 2000),
};
const daySeconds = num('BENCH_DAY_S', 600);
const crowd = num('BENCH_CROWD', load.phones);
const pgBase = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A small deterministic generator (mulberry32), so that two runs make the same choices. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function part(kind: 'pglite' | 'postgres'): Promise<DayResult> {
  const dataDir = tempDir('lotse-bench-');
  const database = kind === 'postgres' ? await freshPostgres(pgBase, 'lotse_bench') : null;
  const label =
    kind === 'postgres' ? 'PostgreSQL server (DATABASE_URL, a fresh database)' : 'embedded PGlite';
  console.log(`\n=== ${label} ===`);
  const t0 = performance.now();
  const server = await startServer({
    port: await freePort(),
    dataDir,
    databaseUrl: database?.url,
    // Staff at 60 counters search slots from one address: the per-address limit of the slot search (10 a minute
    // by default) would refuse them. Raised here with its existing setting; see the report in the queue README.
    env: { APPOINTMENTS_PUBLIC_RATE_PER_MINUTE: '1000000' },
    ...(env.BENCH_PROFILE_DIR ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE_DIR}`] } : {}),
  });
  console.log(`server pid ${server.pid} ready after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const client = httpClient(server.url, load.counters + 32);
  try {
    const desk = await prepareDesk(client, { counters: load.counters });
    const options: DayOptions = {
      ...load,
      crowd,
      daySeconds,
      issuers: num('BENCH_ISSUERS', 4),
      slotSearchers: num('BENCH_SLOT_SEARCHERS', 2),
      timeLimitMs: num('BENCH_TIME_LIMIT_S', daySeconds * 1.5 + 60) * 1000,
      random: seeded(num('BENCH_SEED', 1)),
    };
    console.log(
      `load: ${load.contacts} contacts (${Math.min(crowd, load.contacts)} waiting at opening, the rest over ` +
        `${daySeconds} s), ${desk.counters.length} counters, ${load.displays} displays, up to ${load.phones} ` +
        `phones, ${options.issuers} tickets at once for the crowd, ${options.slotSearchers} slot searchers`,
    );
    const result = await runDay(client, server, desk, options);
    print(kind, result);
    return result;
  } finally {
    client.close();
    await server.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function print(kind: string, r: DayResult) {
  const db = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const lines = [
    `--- figures on ${db} ---`,
    `served ${r.finished} of ${r.issued} issued tickets in ${r.seconds.toFixed(1)} s` +
      (r.stoppedBecause ? ` — NOT the full load: ${r.stoppedBecause}` : ''),
    ...r.outcomes.lines('    '),
    `day: arrivals ${r.arrivalRate.toFixed(1)}/s after the opening, a clerk's contact ${(r.serviceMs / 1000).toFixed(1)} s on average`,
    `ticket issue        ${r.issue.line()}   (arrivals during the day)`,
    `ticket issue crowd  ${r.crowdIssue.line()}   (the crowd before the opening)`,
    `call-next           ${r.callNext.line()}`,
    `slot search         ${r.slots.line()}`,
    `call-to-display     ${r.callToDisplay.line()}   (call-next sent -> display event naming the call)`,
    `call-to-phone       ${r.callToPhone.line()}   (call-next sent -> phone event "called")`,
    `phones              ${r.phonesFollowed} followed a ticket, at most ${r.phonesPeak} at once`,
    `display misses      ${r.displayMissed} (display x call-next pairs never shown)`,
    `slowest moments     ${r.slowest
      .map(
        (x) =>
          `${x.second} s: ${x.callToDisplayMs.toFixed(0)} ms (server event loop up to ${x.serverLoopLagMs.toFixed(0)} ms)`,
      )
      .join('; ')}`,
    `errors              ${r.errors.total}${r.errors.total ? ':' : ''}`,
    ...r.errors.lines('    '),
    `machine load        ${os.loadavg()[0]!.toFixed(1)} (1-minute load average at the end; ${os.cpus().length} CPUs shared with the client and other work)`,
    `server memory (RSS) peak ${r.rssPeakMiB.toFixed(0)} MiB, end ${r.rssEndMiB.toFixed(0)} MiB`,
    `aim: call-to-display p99 < 250 ms: ${r.callToDisplay.p(99) < 250 ? 'met' : 'NOT met'}; zero errors: ${
      r.errors.total === 0 && r.displayMissed === 0 ? 'met' : 'NOT met'
    }`,
  ];
  console.log(lines.join('\n'));
}

console.log(
  `Front-desk benchmark (issue 5): ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}; client and server share this machine.`,
);
let failed = false;
for (const p of parts as ('pglite' | 'postgres')[]) {
  try {
    await part(p);
  } catch (err) {
    failed = true;
    console.error(`\n${p}: the benchmark failed: ${(err as Error).stack ?? String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
