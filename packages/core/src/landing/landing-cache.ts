import type { Db } from "@crm/db";
import { onPublicChange } from "./changes";
import { publishedSlugs, readPublicComplex } from "./landing";

/**
 * Where cached landing data lives: this process's memory, or Redis so every API instance (and
 * the worker that warms it) shares one copy. Entries are the serialised JSON bytes.
 */
export interface LandingStore {
  /** The entry (null when missing or expired) and whether the complex is changing right now. */
  read(slug: string): Promise<{ bytes: Buffer | null; changing: boolean }>;
  write(slug: string, bytes: Buffer, ttlMs: number): Promise<void>;
  /** Drops the entries and marks the complexes as changing for `changingMs`. */
  invalidate(slugs: readonly string[], changingMs: number): Promise<void>;
}

export function memoryLandingStore(now: () => number = Date.now): LandingStore {
  const entries = new Map<string, { bytes: Buffer; expires: number }>();
  const changing = new Map<string, number>();
  return {
    async read(slug) {
      const until = changing.get(slug);
      if (until !== undefined && until <= now()) changing.delete(slug);
      const entry = entries.get(slug);
      if (entry && entry.expires <= now()) entries.delete(slug);
      return {
        bytes: entry && entry.expires > now() ? entry.bytes : null,
        changing: until !== undefined && until > now(),
      };
    },
    async write(slug, bytes, ttlMs) {
      entries.set(slug, { bytes, expires: now() + ttlMs });
    },
    async invalidate(slugs, changingMs) {
      for (const slug of slugs) {
        entries.delete(slug);
        changing.set(slug, now() + changingMs);
      }
    },
  };
}

/** The ioredis commands the Redis store needs (an ioredis client satisfies it). */
export interface LandingRedis {
  mgetBuffer(...keys: string[]): Promise<(Buffer | null)[]>;
  set(key: string, value: Buffer | string, mode: "PX", ms: number): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
}

/**
 * Redis-backed store. Redis trouble never fails a page: a failed read counts as "changing"
 * (read from the database, store nothing); a failed write or invalidation is reported through
 * `onError`. Entries expire by Redis TTL, so an invalidation lost to an outage lasts at most
 * one TTL.
 */
export function redisLandingStore(
  redis: LandingRedis,
  prefix: string,
  onError: (error: unknown) => void = () => {},
): LandingStore {
  const entryKey = (slug: string) => `${prefix}landing:page:${slug}`;
  const changingKey = (slug: string) => `${prefix}landing:changing:${slug}`;
  return {
    async read(slug) {
      try {
        const [bytes, changing] = await redis.mgetBuffer(entryKey(slug), changingKey(slug));
        return { bytes: bytes ?? null, changing: changing !== null && changing !== undefined };
      } catch (error) {
        onError(error);
        return { bytes: null, changing: true };
      }
    },
    async write(slug, bytes, ttlMs) {
      try {
        await redis.set(entryKey(slug), bytes, "PX", ttlMs);
      } catch (error) {
        onError(error);
      }
    },
    async invalidate(slugs, changingMs) {
      try {
        for (const slug of slugs) {
          await redis.set(changingKey(slug), "1", "PX", changingMs);
          await redis.del(entryKey(slug));
        }
      } catch (error) {
        onError(error);
      }
    },
  };
}

export interface LandingCacheOptions {
  /** How long an entry lives without being rewarmed; longer than the 15-minute warm-up. */
  ttlMs?: number;
  /**
   * How long a complex counts as changing after a change is reported. The report comes from
   * inside the change's transaction, before it commits; a read in that moment could see the
   * old rows and store them. While changing, reads go to the database and store nothing. It
   * must outlast the longest transaction (15 s, packages/db).
   */
  changingMs?: number;
}

/**
 * The landing pages' cache: the public JSON of each published complex, serialised once, so a
 * hit is a buffer write. Filled on a miss, warmed for every published complex at start and
 * every 15 minutes (the `warm-landing-cache` job), and invalidated by every change to a flat or
 * complex through `onPublicChange`.
 */
export class LandingCache {
  readonly ttlMs: number;
  readonly changingMs: number;

  constructor(
    readonly store: LandingStore,
    options: LandingCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 20 * 60_000;
    this.changingMs = options.changingMs ?? 20_000;
  }

  /** The public JSON of a complex; null when it is not public (unknown or unpublished). */
  async read(db: Db, slug: string): Promise<Buffer | null> {
    const cached = await this.store.read(slug);
    if (cached.bytes && !cached.changing) return cached.bytes;
    const bytes = await this.build(db, slug);
    if (bytes && !cached.changing) await this.store.write(slug, bytes, this.ttlMs);
    return bytes;
  }

  /**
   * The cached JSON of a complex when a fresh entry is there and the complex is not changing;
   * null otherwise (the caller then takes the full path, `read`). Never touches the database.
   */
  async peek(slug: string): Promise<Buffer | null> {
    const cached = await this.store.read(slug);
    return cached.bytes && !cached.changing ? cached.bytes : null;
  }

  /** Rebuilds every published complex's entry; returns how many. */
  async warm(db: Db): Promise<number> {
    let warmed = 0;
    for (const slug of await publishedSlugs(db)) {
      const cached = await this.store.read(slug);
      if (cached.changing) continue;
      const bytes = await this.build(db, slug);
      if (!bytes) continue;
      await this.store.write(slug, bytes, this.ttlMs);
      warmed += 1;
    }
    return warmed;
  }

  invalidate(slugs: readonly string[]): Promise<void> {
    return this.store.invalidate(slugs, this.changingMs);
  }

  /** Invalidates on every reported public change in this process; returns the unsubscribe. */
  listen(): () => void {
    return onPublicChange((slugs) => this.invalidate(slugs));
  }

  private async build(db: Db, slug: string): Promise<Buffer | null> {
    const complex = await readPublicComplex(db, slug);
    return complex ? Buffer.from(JSON.stringify(complex)) : null;
  }
}
