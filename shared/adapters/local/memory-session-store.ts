import type { ConversationTurn, SessionStore } from '../../ports.js';
import { stringBytes } from '../../text/bounded-cache.js';

export interface MemorySessionStoreOptions {
  /** Idle time after which a conversation is forgotten. */
  ttlSeconds?: number;
  /** Bytes all continued conversations may hold together; the least recently used go first. */
  maxBytes?: number;
  /**
   * Bytes the sessions of first turns may hold. A session moves out of this pool when its
   * client comes back with its id, so one-off questions only ever evict other one-off questions.
   */
  maxNewSessionBytes?: number;
  /** Turns kept per conversation (the engine reads only the last). */
  maxTurns?: number;
  now?: () => number;
}

/** Defaults: 10,000 first turns of a 2,000-character question fit in the new-session pool. */
export const DEFAULT_SESSION_BYTES = 48 * 1024 * 1024;
export const DEFAULT_NEW_SESSION_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_TURNS = 4;
/** Per-entry bookkeeping beyond the text (Map slot, objects, id). */
const SESSION_OVERHEAD_BYTES = 200;

interface Session {
  turns: ConversationTurn[];
  expiresAt: number;
  bytes: number;
}

/** Estimated heap bytes of a stored turn. */
export function turnBytes(turn: ConversationTurn): number {
  return (
    64 +
    stringBytes(turn.question) +
    stringBytes(turn.retrievalQuery) +
    stringBytes(turn.answer) +
    (turn.subject ? stringBytes(turn.subject) : 0)
  );
}

/** A least-recently-used pool of sessions with a byte budget. */
function createPool(maxBytes: number) {
  const sessions = new Map<string, Session>();
  let bytes = 0;
  return {
    sessions,
    get bytes() {
      return bytes;
    },
    take(id: string): Session | undefined {
      const session = sessions.get(id);
      if (session) {
        sessions.delete(id);
        bytes -= session.bytes;
      }
      return session;
    },
    put(id: string, session: Session) {
      while (bytes + session.bytes > maxBytes && sessions.size > 0) {
        const [oldestId, oldest] = sessions.entries().next().value as [string, Session];
        sessions.delete(oldestId);
        bytes -= oldest.bytes;
      }
      if (session.bytes > maxBytes) return;
      sessions.set(id, session);
      bytes += session.bytes;
    },
  };
}

/**
 * In-process conversation memory (offline engine, one process) with a TTL and byte budgets
 * rather than a session count: a first turn goes into a small pool of new sessions, and only a
 * session whose client continues it moves into the conversation pool. A flood of one-off
 * questions (with or without made-up session ids) therefore cannot evict real conversations,
 * and neither pool can grow past its bytes.
 */
export function createMemorySessionStore(
  options: MemorySessionStoreOptions = {},
): SessionStore & { readonly bytes: number; readonly sessions: number } {
  const ttlMs = (options.ttlSeconds ?? 3600) * 1000;
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const now = options.now ?? Date.now;
  const conversations = createPool(options.maxBytes ?? DEFAULT_SESSION_BYTES);
  const newSessions = createPool(options.maxNewSessionBytes ?? DEFAULT_NEW_SESSION_BYTES);

  const live = (sessionId: string) => {
    const session = conversations.sessions.get(sessionId) ?? newSessions.sessions.get(sessionId);
    if (session && session.expiresAt <= now()) {
      conversations.take(sessionId);
      newSessions.take(sessionId);
      return undefined;
    }
    return session;
  };

  return {
    async get(sessionId) {
      const session = live(sessionId);
      return session ? [...session.turns] : undefined;
    },
    async append(sessionId, turn) {
      const continued = live(sessionId) !== undefined;
      const previous = conversations.take(sessionId) ?? newSessions.take(sessionId);
      const turns = [...(previous?.turns ?? []), turn].slice(-maxTurns);
      const bytes =
        SESSION_OVERHEAD_BYTES + stringBytes(sessionId) + turns.reduce((sum, t) => sum + turnBytes(t), 0);
      const session = { turns, expiresAt: now() + ttlMs, bytes };
      (continued ? conversations : newSessions).put(sessionId, session);
    },
    get bytes() {
      return conversations.bytes + newSessions.bytes;
    },
    get sessions() {
      return conversations.sessions.size + newSessions.sessions.size;
    },
  };
}
