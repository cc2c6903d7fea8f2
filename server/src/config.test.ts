import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('runs in demo mode on embedded PGlite in ./data on port 3000 when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      mode: 'demo',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.cookieSecure).toBe(false);
  });

  it('takes the port from PORT and the database from DATABASE_URL', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db/lotse' });
    expect(c.port).toBe(8080);
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(c.databaseUrl).toBe('postgres://u@db/lotse');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('uses Secure cookies when the public address is https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://lotse.wuppertal.de' }).cookieSecure).toBe(true);
  });

  it('refuses a bad value and names the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOTSE_MODE: 'staging' })).toThrow(/LOTSE_MODE/);
  });
});
