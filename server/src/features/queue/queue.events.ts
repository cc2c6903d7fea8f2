import type { DisplaySnapshot, TicketStatusView } from '@lotse/common';
import pg from 'pg';
import type { Database } from '../../db/database';
import { QUEUE_CHANNEL } from './queue.repo';
import { displaySnapshot, phoneTicket, phoneViews } from './queue.service';

/**
 * Live updates of the queue for lobby displays and phones (ADR 0007, ADR 0008). Every change runs
 * `pg_notify('lotse_queue', siteId)` inside its transaction, so the notification is delivered only when the change
 * is committed. One listener per server process: PostgreSQL LISTEN on a dedicated connection (several server
 * processes all hear every change), or PGlite's in-process listen on the embedded database.
 *
 * On a notification each kind of view is read once per site and handed to all its subscribers:
 * - displays: the last calls, read 15 ms after a change (a burst of changes is one read);
 * - phones: all open tickets of the site in one pass, at most every PHONE_READ_MS (the first change after a quiet
 *   moment is read after 15 ms). A call, the room and the end of a ticket go to its phone at once; a new position or
 *   estimate at most every PHONE_MOVE_MS, so that a moving queue does not send every phone an event on every call.
 * Nothing is kept that the database does not hold: a new process, or a subscriber that reconnects, starts from a
 * fresh read.
 */
export type DisplayListener = (display: DisplaySnapshot) => void;
export type PhoneListener = (view: TicketStatusView) => void;

const COALESCE_MS = 15;
const PHONE_READ_MS = 250;
const PHONE_MOVE_MS = 5000;
const RECONNECT_MS = 1000;

type PhoneSub = {
  listener: PhoneListener;
  /** What the phone shows now (null until the first view). */
  shown: TicketStatusView | null;
  shownAt: number;
  pending: TicketStatusView | null;
};

const final = (v: TicketStatusView) => v.status === 'done' || v.status === 'no_show';
/** Whether a phone view differs from the one shown only in its position or estimated wait. */
const onlyMoved = (a: TicketStatusView, b: TicketStatusView) =>
  a.status === b.status &&
  a.counterName === b.counterName &&
  a.room === b.room &&
  a.language === b.language &&
  a.number === b.number;

export class QueueEvents {
  private readonly displays = new Map<string, Set<DisplayListener>>();
  /** Phone subscribers per site and ticket token. */
  private readonly phones = new Map<string, Map<string, Set<PhoneSub>>>();
  private readonly displayTimers = new Map<string, NodeJS.Timeout>();
  private readonly phoneTimers = new Map<string, NodeJS.Timeout>();
  private readonly phoneReadAt = new Map<string, number>();
  // The last display read of each site, valid until the site's next change (the notification clears it), and a
  // counter of changes per site, so that a read overtaken by a change is not kept.
  private readonly cache = new Map<string, DisplaySnapshot>();
  private readonly version = new Map<string, number>();
  private sweeper: NodeJS.Timeout | null = null;
  /** Changes heard so far at any site (a caller compares it before and after a read of its own). */
  private heard = 0;
  private started: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /** Subscribes a display to a site's calls; resolves once the listener hears the database. Returns the unsubscribe. */
  async subscribeDisplay(siteId: string, listener: DisplayListener): Promise<() => void> {
    await this.start();
    let set = this.displays.get(siteId);
    if (!set) this.displays.set(siteId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.displays.get(siteId) === set) this.displays.delete(siteId);
    };
  }

  /** Resolves once the listener hears the database; answers how many changes it has heard (see subscribePhone). */
  async ready(): Promise<number> {
    await this.start();
    return this.heard;
  }

  /**
   * Subscribes a phone to its ticket. `offer` hands the subscription a view read by the caller (the first one is
   * shown at once; later ones are throttled like the ones the subscription reads itself). After the ticket's final
   * view it ends by itself. `heardBefore` is what `ready()` answered before the caller read its view: if a change
   * came since, the site's phones are read again soon, so that nothing between that read and this subscription
   * is missed.
   */
  async subscribePhone(
    siteId: string,
    token: string,
    heardBefore: number,
    listener: PhoneListener,
  ): Promise<{ unsubscribe: () => void; offer: (view: TicketStatusView) => void }> {
    await this.start();
    const sub: PhoneSub = { listener, shown: null, shownAt: 0, pending: null };
    let site = this.phones.get(siteId);
    if (!site) this.phones.set(siteId, (site = new Map()));
    let subs = site.get(token);
    if (!subs) site.set(token, (subs = new Set()));
    subs.add(sub);
    this.sweep();
    if (this.heard !== heardBefore) this.schedulePhones(siteId);
    const unsubscribe = () => {
      subs.delete(sub);
      if (subs.size === 0 && site.get(token) === subs) site.delete(token);
      if (site.size === 0 && this.phones.get(siteId) === site) this.phones.delete(siteId);
    };
    return {
      unsubscribe,
      offer: (view) => {
        if (this.offer(sub, view)) unsubscribe();
      },
    };
  }

  /**
   * The display of a site now: the cached read while no change has come since, else one read (shared by everyone
   * asking at the same moment through the cache). Every display stream's first event comes from here.
   */
  async display(siteId: string): Promise<DisplaySnapshot> {
    await this.start();
    const cached = this.cache.get(siteId);
    if (cached) return cached;
    const before = this.version.get(siteId) ?? 0;
    const state = await displaySnapshot(this.db, siteId);
    if ((this.version.get(siteId) ?? 0) === before && !this.closed) this.cache.set(siteId, state);
    return state;
  }

  /** How many subscribers listen (for tests and metrics). */
  get subscribers(): number {
    let n = 0;
    for (const s of this.displays.values()) n += s.size;
    for (const site of this.phones.values()) for (const subs of site.values()) n += subs.size;
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
          for (const siteId of new Set([...this.displays.keys(), ...this.phones.keys()]))
            this.changed(siteId);
        })
        .catch(() => this.reconnect(lost));
    }, RECONNECT_MS).unref();
  }

  /** A change at a site: one display read soon, one phone read soon or when the last one is old enough. */
  private changed(siteId: string) {
    this.heard++;
    this.cache.delete(siteId);
    this.version.set(siteId, (this.version.get(siteId) ?? 0) + 1);
    if (this.closed) return;
    if (this.displays.has(siteId) && !this.displayTimers.has(siteId))
      this.displayTimers.set(
        siteId,
        setTimeout(() => {
          this.displayTimers.delete(siteId);
          void this.publishDisplay(siteId);
        }, COALESCE_MS),
      );
    this.schedulePhones(siteId);
  }

  /** One read of a site's phones soon: 15 ms after the first change, at most every PHONE_READ_MS. */
  private schedulePhones(siteId: string) {
    if (this.closed || !this.phones.has(siteId) || this.phoneTimers.has(siteId)) return;
    const since = Date.now() - (this.phoneReadAt.get(siteId) ?? 0);
    this.phoneTimers.set(
      siteId,
      setTimeout(
        () => {
          this.phoneTimers.delete(siteId);
          void this.publishPhones(siteId);
        },
        Math.max(COALESCE_MS, PHONE_READ_MS - since),
      ),
    );
  }

  private async publishDisplay(siteId: string) {
    const listeners = this.displays.get(siteId);
    if (!listeners || listeners.size === 0) return;
    try {
      const display = await this.display(siteId);
      for (const l of this.displays.get(siteId) ?? []) l(display);
    } catch (err) {
      if (!this.closed) this.log(`queue display of site ${siteId} could not be read`, err);
    }
  }

  private async publishPhones(siteId: string) {
    if (!this.phones.has(siteId)) return;
    this.phoneReadAt.set(siteId, Date.now());
    try {
      const views = await phoneViews(this.db, siteId);
      const gone: string[] = [];
      for (const [token, subs] of this.phones.get(siteId) ?? []) {
        const view = views.get(token);
        if (view) this.offerAll(siteId, token, subs, view);
        else gone.push(token);
      }
      // Tickets that left the open ones (done, no-show) are read one by one: few per change.
      for (const token of gone) {
        const subs = this.phones.get(siteId)?.get(token);
        if (subs) this.offerAll(siteId, token, subs, (await phoneTicket(this.db, token)).view);
      }
    } catch (err) {
      if (!this.closed) this.log(`queue phone views of site ${siteId} could not be read`, err);
    }
  }

  private offerAll(siteId: string, token: string, subs: Set<PhoneSub>, view: TicketStatusView) {
    for (const sub of subs) if (this.offer(sub, view)) subs.delete(sub);
    if (subs.size > 0) return;
    const site = this.phones.get(siteId);
    site?.delete(token);
    if (site?.size === 0) this.phones.delete(siteId);
  }

  /** Shows a phone a view now or, when only its position moved, once PHONE_MOVE_MS have passed. True when final. */
  private offer(sub: PhoneSub, view: TicketStatusView): boolean {
    if (sub.shown && onlyMoved(sub.shown, view) && Date.now() - sub.shownAt < PHONE_MOVE_MS) {
      sub.pending = view;
      return false;
    }
    return this.show(sub, view);
  }

  private show(sub: PhoneSub, view: TicketStatusView): boolean {
    sub.shown = view;
    sub.shownAt = Date.now();
    sub.pending = null;
    sub.listener(view);
    return final(view);
  }

  /** Once a second: positions held back long enough are shown (one timer for all phones, none per phone). */
  private sweep() {
    if (this.sweeper || this.closed) return;
    this.sweeper = setInterval(() => {
      if (this.phones.size === 0) {
        clearInterval(this.sweeper!);
        this.sweeper = null;
        return;
      }
      const now = Date.now();
      for (const site of this.phones.values())
        for (const subs of site.values())
          for (const sub of subs)
            if (sub.pending && now - sub.shownAt >= PHONE_MOVE_MS) this.show(sub, sub.pending);
    }, 1000);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of [...this.displayTimers.values(), ...this.phoneTimers.values()]) clearTimeout(t);
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.displayTimers.clear();
    this.phoneTimers.clear();
    this.displays.clear();
    this.phones.clear();
    this.cache.clear();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
    if (this.unlisten) await this.unlisten().catch(() => undefined);
  }
}
