import type { TtlStore } from '../../slack/slack-ports.js';

/** In-process TtlStore (offline engine, one process); bounded so it cannot grow without limit. */
export function createMemoryTtlStore(options: { maxEntries?: number; now?: () => number } = {}): TtlStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const maxEntries = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const set = (key: string, value: string, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
  return {
    async putIfAbsent(key, value, ttlSeconds) {
      if (live(key)) return false;
      set(key, value, ttlSeconds);
      return true;
    },
    async get(key) {
      return live(key)?.value;
    },
    async put(key, value, ttlSeconds) {
      set(key, value, ttlSeconds);
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
