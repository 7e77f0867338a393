import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { describeError } from '../../shared/observability/app-logger.js';
import { createPowertoolsLogger } from '../../shared/observability/create-powertools-logger.js';
import { createApp } from './create-app.js';
import { createNodeServer } from './http/create-node-server.js';
import { createDependencies } from './select-dependencies.js';

const logger = createPowertoolsLogger();

// Every line this process writes is one JSON record: Node's own warnings included.
process.removeAllListeners('warning');
process.on('warning', (warning) => logger.warn('node warning', describeError(warning, false)));
const crash = (error: unknown) => {
  logger.error('uncaught error', describeError(error, true));
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

/** `npm start`: the API on Node, offline by default. */
async function main(): Promise<void> {
  const config = readRuntimeConfig();
  const deps = await createDependencies(config, logger);
  const app = createApp({ ...deps, logger });
  const node = createNodeServer({
    fetch: app.fetch,
    logger,
    maxConnections: config.MAX_CONNECTIONS,
    // Behind a proxy every connection comes from the proxy: the cap would throttle it, not a client.
    maxConnectionsPerAddress: config.TRUST_PROXY_HOPS > 0 ? 0 : config.MAX_CONNECTIONS_PER_ADDRESS,
  });
  const info = await node.listen(config.PORT, config.HOST);
  const { documents, chunks } = deps.health();
  const auth = config.API_KEYS.length > 0 ? ', API key required' : '';
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.HOST) ? 'localhost' : config.HOST;
  logger.info(
    `course-notes-qa: ${deps.engine} engine, ${documents} documents / ${chunks} chunks, listening on http://${shown}:${info.port}${auth}`,
    { host: info.address, port: info.port, engine: deps.engine, documents, chunks },
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal: exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    const timeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const started = Date.now();
    logger.info('shutting down', {
      signal,
      timeoutMs,
      inFlightRequests: node.inFlight,
      pendingJobs: deps.jobs?.pending ?? 0,
    });
    // Requests first (one may still queue a Slack job), then the jobs with what is left of the deadline.
    const { interrupted } = await node.close(timeoutMs);
    const jobs = (await deps.jobs?.drain(timeoutMs - (Date.now() - started))) ?? { unfinished: 0 };
    const fields = {
      interruptedRequests: interrupted,
      unfinishedJobs: jobs.unfinished,
      ms: Date.now() - started,
    };
    if (interrupted > 0 || jobs.unfinished > 0) logger.warn('stopped at the shutdown deadline', fields);
    else logger.info('stopped', fields);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error), describeError(error, false));
  process.exit(1);
});
