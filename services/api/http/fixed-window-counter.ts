/** The verdict of one {@link FixedWindowCounter} look-up. */
export interface WindowVerdict {
  /** False once the caller has used up the window. */
  allowed: boolean;
  /** Whole seconds until the caller's window ends (at least 1). */
  retryAfterSeconds: number;
  /** Events of the caller in its window, this one included (for `check`, as if it were counted). */
  count: number;
}

export interface FixedWindowCounter {
  /** Counts one event for `key` and says whether it was within the limit. */
  hit(key: string): WindowVerdict;
  /** Says whether `key` is still within the limit, without counting. */
  check(key: string): WindowVerdict;
  /** Callers currently tracked (at most `maxKeys`). */
  readonly size: number;
}

export interface FixedWindowCounterOptions {
  /** Events allowed per window and key. */
  limit: number;
  windowMs: number;
  /**
   * Keys tracked at once. Past it the least recently seen key is forgotten, so memory stays
   * bounded and a flood of new keys only ever evicts the quietest callers, never everyone.
   */
  maxKeys: number;
  now?: () => number;
}

/**
 * Fixed windows per key, starting at each key's first event, with least-recently-used eviction
 * (a Map keeps insertion order: a touched key is re-inserted at the end, the oldest is first).
 */
export function createFixedWindowCounter(options: FixedWindowCounterOptions): FixedWindowCounter {
  const { limit, windowMs, maxKeys } = options;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();

  const current = (key: string, time: number) => {
    let window = windows.get(key);
    if (window) windows.delete(key);
    if (!window || time - window.start >= windowMs) window = { start: time, count: 0 };
    windows.set(key, window);
    while (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
    return window;
  };
  const verdict = (window: { start: number; count: number }, time: number, count: number) => ({
    allowed: count <= limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - time) / 1000)),
  });

  return {
    hit(key) {
      const time = now();
      const window = current(key, time);
      window.count++;
      return verdict(window, time, window.count);
    },
    check(key) {
      const time = now();
      const window = windows.get(key);
      if (!window || time - window.start >= windowMs)
        return { allowed: true, retryAfterSeconds: 1, count: 1 };
      return verdict(window, time, window.count + 1);
    },
    get size() {
      return windows.size;
    },
  };
}
