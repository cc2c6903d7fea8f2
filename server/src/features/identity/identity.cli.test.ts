import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli';

const dir = mkdtempSync(path.join(tmpdir(), 'lotse-identity-'));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function match(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['identity', 'match', ...args],
    (l) => out.push(l),
    {},
    (l) => err.push(l),
  );
  return { code, out, err };
}
const pairsOf = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(0, 2).sort().join('-'))
    .sort();

const PEOPLE = [
  'id,given_name,family_name,full_name,date_of_birth,sex,place_of_birth,nationality',
  '1,Mohammed,Al-Hassan,,15.03.1990,m,Aleppo,SY',
  '2,,,"Alhasan, Muhammad",1990-03-15,m,Halab,SY',
  '3,Mohammed,Al-Hassan,,1971-11-30,m,Homs,SY',
  '4,Olena,Müller,,1980-02-03,f,Kyiv,UA',
  '5,,,Olena Mueller,19800203,f,,UA',
  '6,,,Müller Olena,03.02.1980,,Kyiv,',
  '7,Ali,Karimi,,1974-01-32,m,Kabul,AF',
];

describe('identity match', () => {
  it('writes the pairs of one file that are the same person, with scores between 0 and 1', async () => {
    const input = file('people.csv', PEOPLE.join('\n'));
    const output = path.join(dir, 'pairs.csv');
    const r = await match(['--input', input, '--output', output]);
    expect(r.code).toBe(0);
    const csv = readFileSync(output, 'utf8');
    expect(csv.split('\n')[0]).toBe('id_a,id_b,score');
    expect(pairsOf(csv)).toEqual(['1-2', '4-5', '4-6', '5-6']);
    for (const line of csv.trim().split('\n').slice(1)) expect(line).toMatch(/^[^,]+,[^,]+,(0|1)\.\d{4}$/);
    expect(r.err.at(-1)).toBe('identity match: 7 records read (UTF-8), 4 pairs written, 1 problems.');
  });

  it('reports an impossible date with its line and id and goes on', async () => {
    const r = await match(['--input', file('dates.csv', PEOPLE.join('\n'))]);
    expect(r.code).toBe(0);
    expect(r.err).toContainEqual(
      expect.stringMatching(
        /dates\.csv line 8 \(id 7\): date_of_birth: date 1974-01-32 does not exist; treated as unknown/,
      ),
    );
    expect(r.out[0]).toBe('id_a,id_b,score');
  });

  it('reads UTF-16, Windows-1252, a BOM and CRLF line ends alike', async () => {
    const text = PEOPLE.join('\r\n');
    for (const [name, buf] of [
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])],
      ['latin.csv', iconv.encode(text, 'windows-1252')],
    ] as const) {
      const r = await match(['--input', file(name, buf)]);
      expect(r.code, name).toBe(0);
      expect(pairsOf(r.out.join('\n')), name).toEqual(['1-2', '4-5', '4-6', '5-6']);
    }
  });

  it('skips and reports empty rows and duplicate ids, and cleans invisible characters', async () => {
    const input = file(
      'messy.csv',
      [
        'id,given_name,family_name,date_of_birth',
        'a,\u200FMohammed\u200B,Al-Hassan,1990-03-15',
        ',,,',
        'b,Mu\u0307hammad,\u202BAlhasan\u202C,15.03.1990',
        'b,Someone,Else,2000-01-02',
        `c,${'X'.repeat(1000)},${'Y'.repeat(1000)},1990`,
      ].join('\n'),
    );
    const r = await match(['--input', input]);
    expect(r.code).toBe(0);
    expect(r.err).toContainEqual(expect.stringMatching(/messy\.csv line 3: empty row skipped/));
    expect(r.err).toContainEqual(expect.stringMatching(/messy\.csv line 5: id b occurs more than once/));
    expect(pairsOf(r.out.join('\n'))).toEqual(['a-b']);
  });

  it('links two files, ids of the first file first', async () => {
    const a = file(
      'a.csv',
      'id,given_name,family_name,date_of_birth\nA1,Yuriy,Shevchenko,1975-06-01\nA2,Anna,Schmidt,1960-01-05\n',
    );
    const b = file(
      'b.csv',
      'id,full_name,date_of_birth\nB1,"Schewtschenko, Jurij",01.06.1975\nB2,Olha Koval,1990\n',
    );
    const r = await match(['--input', a, '--link', b]);
    expect(r.code).toBe(0);
    expect(r.out.slice(1).map((l) => l.split(',').slice(0, 2).join('-'))).toEqual(['A1-B1']);
  });

  it('stops with exit code 2 and a clear message for a missing id column or an unreadable file', async () => {
    const noId = await match(['--input', file('noid.csv', 'name,date_of_birth\nAli,1990\n')]);
    expect(noId.code).toBe(2);
    expect(noId.err.join('\n')).toMatch(/noid\.csv has no id column/);
    const missing = await match(['--input', path.join(dir, 'does-not-exist.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/Cannot read .*does-not-exist\.csv: ENOENT/);
    const noInput = await match([]);
    expect(noInput.code).toBe(2);
    expect(noInput.err.join('\n')).toMatch(/needs --input/);
  });
});
