import type { Store } from '@galette/storage';
import type { DATABASE_STATES } from './health-shapes.js';

/** Why the database cannot take writes now; `ok` when it can. */
export type DatabaseState = (typeof DATABASE_STATES)[number];

export interface DatabaseHealth {
  readonly state: DatabaseState;
  /** The driver's words when the database did not answer. */
  readonly detail?: string;
}

export interface DatabaseHealthOptions {
  readonly store: Store;
  /** Longest wait for the probe's answer; default 800 ms, so `/healthz` answers within a second. */
  readonly timeoutMs?: number;
  /** How long an answer is reused; default 1 000 ms, so health checks cost one query a second. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

export interface DatabaseHealthCheck {
  /** The database's state, probed at most once per `cacheMs`; never rejects, never waits longer than `timeoutMs`. */
  check(): Promise<DatabaseHealth>;
  readonly timeoutMs: number;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 800;

/**
 * The database's state for `/healthz`: a cheap query (does it answer, would it take a write?)
 * bounded by a timeout and shared by every check within a second, so a load balancer probing
 * every node often adds no load and a silent database cannot hold its probes.
 */
export function createDatabaseHealth(options: DatabaseHealthOptions): DatabaseHealthCheck {
  const { store } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const cacheMs = options.cacheMs ?? 1000;
  const now = options.now ?? Date.now;
  let last: { at: number; health: Promise<DatabaseHealth> } | undefined;

  const probe = async (): Promise<DatabaseHealth> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<DatabaseHealth>((resolve) => {
      timer = setTimeout(() => resolve({ state: 'timeout' }), timeoutMs);
    });
    const answer = store.probe().then(
      ({ writable }): DatabaseHealth => ({ state: writable ? 'ok' : 'read_only' }),
      (error: unknown): DatabaseHealth => ({
        state: 'unreachable',
        detail: error instanceof Error ? error.message : String(error),
      }),
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    timeoutMs,
    check() {
      const at = now();
      // The cache starts when the probe starts: a probe in flight is shared, not repeated.
      if (!last || at - last.at >= cacheMs) last = { at, health: probe() };
      return last.health;
    },
  };
}
