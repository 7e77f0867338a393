import type { ConversationTurn, SessionStore } from '../../ports.js';

export interface MemorySessionStoreOptions {
  /** Idle time after which a conversation is forgotten. */
  ttlSeconds?: number;
  /** Oldest conversations are dropped beyond this many, so memory stays bounded. */
  maxSessions?: number;
  /** Turns kept per conversation. */
  maxTurns?: number;
  now?: () => number;
}

/** In-process conversation memory with TTL and a size bound (offline engine, one process). */
export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): SessionStore {
  const ttlMs = (options.ttlSeconds ?? 3600) * 1000;
  const maxSessions = options.maxSessions ?? 10_000;
  const maxTurns = options.maxTurns ?? 10;
  const now = options.now ?? Date.now;
  // A Map keeps insertion order: re-inserting on write makes the first key the least recent.
  const sessions = new Map<string, { turns: ConversationTurn[]; expiresAt: number }>();

  return {
    async get(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return undefined;
      if (session.expiresAt <= now()) {
        sessions.delete(sessionId);
        return undefined;
      }
      return [...session.turns];
    },
    async append(sessionId, turn) {
      const turns = [...((await this.get(sessionId)) ?? []), turn].slice(-maxTurns);
      sessions.delete(sessionId);
      sessions.set(sessionId, { turns, expiresAt: now() + ttlMs });
      while (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
    },
  };
}
