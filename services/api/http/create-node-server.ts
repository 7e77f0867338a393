import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import {
  AppError,
  HeadersTooLargeError,
  PayloadTooLargeError,
  RequestTimeoutError,
  ServiceUnavailableError,
  ValidationError,
} from '../../../shared/errors.js';
import { type AppLogger, describeError } from '../../../shared/observability/app-logger.js';
import { addressKey } from './client-address.js';
import { errorBody } from './error-response.js';
import { HTTP_LIMITS } from './http-limits.js';

export interface NodeServerOptions {
  /** The Hono app's `fetch`. */
  fetch: (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => unknown;
  logger: AppLogger;
  /** Open connections in all; past it Node refuses new ones (`server.maxConnections`). */
  maxConnections: number;
  /** Open connections per client address (IPv6 per /64); past it a 503 and close. 0: no cap. */
  maxConnectionsPerAddress: number;
  /** Overrides of the timeouts in {@link HTTP_LIMITS} (tests). */
  timeouts?: Partial<
    Record<
      'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'connectionsCheckingIntervalMs',
      number
    >
  >;
}

export interface NodeServer {
  server: Server;
  listen(port: number, hostname: string): Promise<AddressInfo>;
  /**
   * Graceful stop: refuses new connections, closes idle ones and those still sending their
   * headers, lets requests being answered finish for up to `timeoutMs`, then closes what is left.
   * Resolves with the number of requests that were cut off.
   */
  close(timeoutMs: number): Promise<{ interrupted: number }>;
  /** Requests being answered now. */
  readonly inFlight: number;
}

/** A complete HTTP/1.1 response in the error contract, for sockets the app never sees. */
function rawErrorResponse(error: AppError): string {
  const requestId = randomUUID();
  const body = JSON.stringify(errorBody(error, requestId));
  const retryAfter =
    error.retryAfterSeconds === undefined ? '' : `Retry-After: ${error.retryAfterSeconds}\r\n`;
  return (
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${requestId}\r\n${retryAfter}Connection: close\r\n\r\n${body}`
  );
}

/** What Node's HTTP parser rejected, as a contract error (Node itself would send a bare status line). */
function parserError(error: NodeJS.ErrnoException): AppError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new HeadersTooLargeError(
        `The request line and headers must be at most ${HTTP_LIMITS.maxHeaderBytes} bytes.`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestTimeoutError('The request was not received in time; send it again, faster.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new PayloadTooLargeError('Chunk extensions are too large.');
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return new ValidationError('Send either Content-Length or Transfer-Encoding, not both.');
    default:
      return new ValidationError(`The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).`);
  }
}

/**
 * Ends a socket with `response` and destroys it if the peer has not closed it within 1 s, or
 * as soon as the response is flushed (`immediately`): a refused connection must not keep
 * counting against the server's connection cap while a slow peer gets round to closing it.
 */
function endWith(socket: Socket, response: string, immediately = false): void {
  socket.end(response, immediately ? () => socket.destroy() : undefined);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * The local server: Node's HTTP server with timeouts, a connection cap per address and in all,
 * contract-shaped answers to what Node's parser rejects, and a graceful stop with a deadline.
 */
export function createNodeServer(options: NodeServerOptions): NodeServer {
  const { logger, maxConnectionsPerAddress } = options;
  const timeouts = { ...HTTP_LIMITS, ...options.timeouts };
  const sockets = new Set<Socket>();
  const busy = new Map<Socket, number>();
  const openPerAddress = new Map<string, number>();
  const refused = new WeakSet<Socket>();
  // Made once: a flood of refused connections should cost a write each, not an Error with a stack.
  const tooManyConnections = new ServiceUnavailableError(
    `Too many open connections from your address (at most ${maxConnectionsPerAddress}); reuse or close some and retry.`,
    { retryAfterSeconds: 1 },
  );
  const responses = new Set<ServerResponse>();
  let closing = false;

  // Refused connections are logged at most once a second, with a count, so a flood is one line a second.
  const refusals = { count: 0, lastLogged: 0 };
  const logRefusal = (reason: string) => {
    refusals.count++;
    const now = Date.now();
    if (now - refusals.lastLogged < 1000) return;
    logger.warn('connections refused', { reason, count: refusals.count });
    refusals.count = 0;
    refusals.lastLogged = now;
  };

  const appListener = getRequestListener(options.fetch as Parameters<typeof getRequestListener>[0], {
    // A request Node parsed but the adapter cannot turn into a URL (bad Host, backslash in the path).
    errorHandler: (error) => {
      const appError =
        error instanceof RequestError
          ? new ValidationError(`The request cannot be read: ${error.message}.`)
          : new AppError(
              'INTERNAL_ERROR',
              500,
              'Internal server error. Quote the request id when reporting it.',
            );
      const requestId = randomUUID();
      if (appError.status >= 500)
        logger.error('request failed', { requestId, ...describeError(error, true) });
      return new Response(JSON.stringify(errorBody(appError, requestId)), {
        status: appError.status,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId },
      });
    },
  });

  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeouts.connectionsCheckingIntervalMs,
      maxHeaderSize: HTTP_LIMITS.maxHeaderBytes,
    },
    (request, response) => {
      const socket = request.socket;
      if (refused.has(socket)) return void response.destroy();
      responses.add(response);
      busy.set(socket, (busy.get(socket) ?? 0) + 1);
      if (closing) response.setHeader('connection', 'close');
      response.once('close', () => {
        responses.delete(response);
        const left = (busy.get(socket) ?? 1) - 1;
        if (left > 0) busy.set(socket, left);
        else busy.delete(socket);
        if (closing && left === 0) socket.destroySoon();
      });
      return appListener(request, response);
    },
  );
  // A client that half-closes after its request still wants the answer (RFC 9112, 9.6: a
  // half-closed connection "does not imply that the client is no longer interested in a
  // response"). Node's default aborts the request on the FIN, so an answer that takes a turn of
  // the event loop (an engine thread, Bedrock) was never sent; the socket still ends after it.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.maxConnections = options.maxConnections;
  server.on('drop', () => logRefusal(`the server has ${options.maxConnections} connections open`));

  server.on('connection', (socket: Socket) => {
    const address = addressKey(socket.remoteAddress ?? 'unknown');
    const open = (openPerAddress.get(address) ?? 0) + 1;
    if (maxConnectionsPerAddress > 0 && open > maxConnectionsPerAddress) {
      refused.add(socket);
      logRefusal(`an address has ${maxConnectionsPerAddress} connections open`);
      return endWith(socket, rawErrorResponse(tooManyConnections), true);
    }
    openPerAddress.set(address, open);
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
      const left = (openPerAddress.get(address) ?? 1) - 1;
      if (left > 0) openPerAddress.set(address, left);
      else openPerAddress.delete(address);
    });
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Same rule as Node's default handler: answer only if no response has started on this socket.
    const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent || refused.has(socket)) {
      socket.destroy();
      return;
    }
    const appError = parserError(error);
    logger.info('request rejected by the HTTP parser', {
      status: appError.status,
      code: appError.code,
      parserCode: error.code,
    });
    endWith(socket, rawErrorResponse(appError));
  });

  return {
    server,
    listen: (port, hostname) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, hostname, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    async close(timeoutMs) {
      closing = true;
      for (const response of responses) if (!response.headersSent) response.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections and requests still arriving hold no work in progress.
      for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, timeoutMs));
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
      const interrupted = responses.size;
      for (const socket of sockets) socket.destroy();
      await closed;
      return { interrupted };
    },
    get inFlight() {
      return responses.size;
    },
  };
}
