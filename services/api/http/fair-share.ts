import type { Context, MiddlewareHandler } from 'hono';
import { RateLimitedError } from '../../../shared/errors.js';
import type { AppEnv } from '../routes/app-env.js';

export interface FairShareOptions {
  /** Requests of one caller answered at the same time. */
  maxActive: number;
  /** Further requests of that caller waiting their turn; past it 429. */
  maxQueued: number;
  /** The caller's identity (the rate limiter's: API key that passed, else the address). */
  callerOf: (c: Context<AppEnv>) => string;
}

interface Lane {
  active: number;
  waiting: (() => void)[];
}

/**
 * Takes turns between callers. The offline engine answers one question at a time per engine
 * thread, so a client with many requests in flight would otherwise make everyone else wait
 * behind all of them; here it has at most `maxActive` being answered, and the rest wait in its
 * own line. The engine's queue then holds at most `maxActive` jobs of any one client, so its
 * arrival order takes turns between clients. A waiting request resumes through `setImmediate`,
 * on a later turn of the event loop. A streamed (SSE) answer keeps its turn until the stream
 * ends. State exists only for callers with requests in flight.
 */
export function fairShare(options: FairShareOptions): MiddlewareHandler<AppEnv> {
  const { maxActive, maxQueued, callerOf } = options;
  const lanes = new Map<string, Lane>();

  const enter = async (caller: string): Promise<Lane> => {
    let lane = lanes.get(caller);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      lanes.set(caller, lane);
    }
    if (lane.active < maxActive) {
      lane.active++;
      return lane;
    }
    if (lane.waiting.length >= maxQueued) {
      throw new RateLimitedError(
        `Too many requests at once from this client (at most ${maxActive} answered and ${maxQueued} waiting); wait for answers before sending more.`,
        { retryAfterSeconds: 1 },
      );
    }
    const queued = lane;
    await new Promise<void>((resolve) => queued.waiting.push(resolve));
    return queued;
  };
  const leave = (caller: string, lane: Lane) => {
    const next = lane.waiting.shift();
    // The turn passes straight to the next waiter, so `active` stays as it is.
    if (next) setImmediate(next);
    else if (--lane.active === 0) lanes.delete(caller);
  };

  return async (c, next) => {
    const caller = callerOf(c);
    const lane = await enter(caller);
    let left = false;
    const release = () => {
      if (left) return;
      left = true;
      leave(caller, lane);
    };
    try {
      await next();
    } catch (error) {
      release();
      throw error;
    }
    // The content type first: reading `body` of @hono/node-server's light response builds a full
    // web Response with a stream, which every JSON answer would then be written through.
    const body = (c.res.headers.get('content-type') ?? '').startsWith('text/event-stream')
      ? c.res.body
      : null;
    if (!body) {
      release();
      return;
    }
    const reader = body.getReader();
    c.res = new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              release();
              controller.close();
            } else controller.enqueue(value);
          } catch (error) {
            release();
            controller.error(error);
          }
        },
        cancel(reason) {
          release();
          return reader.cancel(reason);
        },
      }),
      c.res,
    );
  };
}
