import { connect, type Socket } from 'node:net';
import { percentile } from '../../shared/evaluation/text-metrics.js';

/** One request of a {@link runLoad} rotation. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  /** JSON body (POST). */
  body?: string;
}

export interface LoadOptions {
  port: number;
  /** Kept-alive connections, each sending its next request when the previous answer is in (closed loop). */
  connections: number;
  durationMs: number;
  /** Sent in turn, each connection starting at its own offset. */
  requests: LoadRequest[];
  /** Source address of connection i (`127.0.0.x`: each a client of its own to the server); default 127.0.0.1. */
  localAddress?: (connection: number) => string;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  /** Answers other than 2xx, and connections that failed. */
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A closed-loop HTTP/1.1 load generator over raw sockets: the requests are encoded once and a
 * response is read only as far as its status line and `Content-Length`, so the client costs
 * little next to the server it measures (they share the machine's two cores). Unlike
 * autocannon it can give each connection a source address of its own, so the server's
 * per-client limits see several clients.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const encoded = options.requests.map((request) =>
    Buffer.from(
      `${request.method} ${request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        (request.body === undefined
          ? '\r\n'
          : `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(request.body)}\r\n\r\n${request.body}`),
      'latin1',
    ),
  );
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const stopAt = started + options.durationMs;

  const lane = (index: number) =>
    new Promise<void>((resolve) => {
      let socket: Socket;
      let next = index;
      let sentAt = 0;
      let pending: Buffer = Buffer.alloc(0);
      const send = () => {
        if (performance.now() >= stopAt) {
          socket.destroy();
          return resolve();
        }
        sentAt = performance.now();
        socket.write(encoded[next++ % encoded.length] as Buffer);
      };
      const open = () => {
        socket = connect({
          port: options.port,
          host: '127.0.0.1',
          ...(options.localAddress ? { localAddress: options.localAddress(index) } : {}),
        });
        socket.setNoDelay(true);
        socket.on('connect', send);
        socket.on('error', () => {
          errors++;
        });
        socket.on('close', () => {
          if (performance.now() < stopAt) setTimeout(open, 10);
          else resolve();
        });
        socket.on('data', (chunk: Buffer) => {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          // One response at a time: parse its head, wait for its whole body.
          for (;;) {
            const headEnd = pending.indexOf('\r\n\r\n');
            if (headEnd === -1) return;
            const head = pending.subarray(0, headEnd).toString('latin1');
            const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
            if (pending.length < headEnd + 4 + length) return;
            latencies.push(performance.now() - sentAt);
            const status = Number(head.slice(9, 12));
            if (status < 200 || status > 299) non2xx++;
            pending = pending.subarray(headEnd + 4 + length);
            if (/\r\nconnection:\s*close/i.test(head)) {
              socket.destroy();
              return;
            }
            send();
          }
        });
      };
      open();
    });

  await Promise.all(Array.from({ length: options.connections }, (_, index) => lane(index)));
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: latencies.length / seconds,
    requests: latencies.length,
    non2xx,
    errors,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
