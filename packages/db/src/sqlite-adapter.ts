import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Connection pragmas for the embedded database. WAL lets readers run beside the writer, NORMAL sync is
 * safe under WAL, and the busy timeout makes other processes (worker, bot) wait, not fail.
 */
export const SQLITE_PRAGMAS =
  "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

/** A FIFO lock: each caller waits for the one before it. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/**
 * Prisma's better-sqlite3 adapter shares one connection between interactive transactions and
 * plain queries and only serialises transactions against each other. A plain write issued while
 * another request's transaction is open would run inside it — and vanish on its rollback.
 * This wrapper makes plain queries wait for any open transaction, so each unit of work is
 * isolated, and applies those pragmas to the connection.
 */
export class SerializedSqliteAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;

  constructor(private readonly inner: PrismaBetterSQLite3) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<Adapter> {
    const adapter = await this.inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return serialize(adapter);
  }

  async connectToShadowDb(): Promise<Adapter> {
    return this.inner.connectToShadowDb();
  }
}

function serialize(adapter: Adapter): Adapter {
  const lock = new Lock();
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  const startTransaction: Adapter["startTransaction"] = async (isolationLevel) => {
    const release = await lock.acquire();
    let tx: Tx;
    try {
      tx = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    return delegate(tx, {
      commit: () => tx.commit().finally(release),
      rollback: () => tx.rollback().finally(release),
    });
  };
  return delegate(adapter, {
    queryRaw: (query) => exclusive(() => adapter.queryRaw(query)),
    executeRaw: (query) => exclusive(() => adapter.executeRaw(query)),
    executeScript: (script) => exclusive(() => adapter.executeScript(script)),
    startTransaction,
  });
}

/** `target` with some methods replaced; the rest stay bound to it (they use private fields). */
function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(obj, prop) {
      if (prop in overrides) return overrides[prop as keyof T];
      const value = Reflect.get(obj, prop, obj);
      return typeof value === "function" ? value.bind(obj) : value;
    },
  });
}
