import pg from 'pg';
import type { Database } from '../../db/database';
import { QUEUE_CHANNEL } from './queue.repo';
import { type LiveSite, liveSite } from './queue.service';

/**
 * Live updates of the queue for lobby displays and phones (ADR 0007). Every change runs `pg_notify('lotse_queue',
 * siteId)` inside its transaction, so the notification is delivered only when the change is committed. One
 * listener per server process: PostgreSQL LISTEN on a dedicated connection (several server processes all hear
 * every change), or PGlite's in-process listen on the embedded database. On a notification the site's state is
 * read once and handed to every subscriber of that site (one query for 20 displays and 2,000 phones, not one
 * each). Nothing is kept that the database does not hold: a new process, or a subscriber that reconnects, starts
 * from a fresh snapshot.
 */
export type SiteListener = (state: LiveSite) => void;

const COALESCE_MS = 15;
const RECONNECT_MS = 1000;

export class QueueEvents {
  private readonly sites = new Map<string, Set<SiteListener>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  // The last state read of each site, valid until the site's next change (the notification clears it), and a
  // counter of changes per site, so that a read overtaken by a change is not kept.
  private readonly cache = new Map<string, LiveSite>();
  private readonly version = new Map<string, number>();
  private started: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /** Subscribes to a site's changes; resolves once the listener hears the database. Returns the unsubscribe. */
  async subscribe(siteId: string, listener: SiteListener): Promise<() => void> {
    await this.start();
    let set = this.sites.get(siteId);
    if (!set) this.sites.set(siteId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.sites.get(siteId) === set) this.sites.delete(siteId);
    };
  }

  /**
   * The state of a site now: the cached read while no change has come since, else one read (shared by everyone
   * asking at the same moment through the cache). Every stream's first event comes from here.
   */
  async state(siteId: string): Promise<LiveSite> {
    await this.start();
    const cached = this.cache.get(siteId);
    if (cached) return cached;
    const before = this.version.get(siteId) ?? 0;
    const state = await liveSite(this.db, siteId);
    if ((this.version.get(siteId) ?? 0) === before && !this.closed) this.cache.set(siteId, state);
    return state;
  }

  /** How many subscribers listen (for tests and metrics). */
  get subscribers(): number {
    let n = 0;
    for (const s of this.sites.values()) n += s.size;
    return n;
  }

  private start(): Promise<void> {
    this.started ??= this.listen().catch((err) => {
      this.started = null;
      throw err;
    });
    return this.started;
  }

  private async listen(): Promise<void> {
    if (this.db.pglite) {
      this.unlisten = await this.db.pglite.listen(QUEUE_CHANNEL, (siteId) => this.changed(siteId));
      return;
    }
    const client = new pg.Client({ connectionString: this.db.connectionString });
    client.on('notification', (n) => {
      if (n.channel === QUEUE_CHANNEL && n.payload) this.changed(n.payload);
    });
    client.on('error', (err) => {
      this.log('queue listener lost its database connection; reconnecting', err);
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${QUEUE_CHANNEL}`);
    this.client = client;
  }

  /** After a lost connection: listen again, then refresh every site (changes may have been missed meanwhile). */
  private reconnect(lost: pg.Client) {
    if (this.closed || this.client !== lost) return;
    this.client = null;
    // Changes may go unheard until the listener is back: nothing cached can be trusted.
    this.cache.clear();
    this.started = null;
    setTimeout(() => {
      if (this.closed) return;
      this.start()
        .then(() => {
          for (const siteId of this.sites.keys()) this.changed(siteId);
        })
        .catch(() => this.reconnect(lost));
    }, RECONNECT_MS).unref();
  }

  /** A change at a site: coalesce a burst of changes into one read of the state. */
  private changed(siteId: string) {
    this.cache.delete(siteId);
    this.version.set(siteId, (this.version.get(siteId) ?? 0) + 1);
    if (this.closed || !this.sites.has(siteId) || this.pending.has(siteId)) return;
    this.pending.set(
      siteId,
      setTimeout(() => {
        this.pending.delete(siteId);
        void this.publish(siteId);
      }, COALESCE_MS),
    );
  }

  private async publish(siteId: string) {
    const listeners = this.sites.get(siteId);
    if (!listeners || listeners.size === 0) return;
    try {
      const state = await this.state(siteId);
      for (const l of listeners) l(state);
    } catch (err) {
      if (!this.closed) this.log(`queue state of site ${siteId} could not be read`, err);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.sites.clear();
    this.cache.clear();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
    if (this.unlisten) await this.unlisten().catch(() => undefined);
  }
}
