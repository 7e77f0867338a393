/**
 * The server of `npm run bench`'s HTTP figures: the app as `npm start` builds it (same
 * composition root, logger, invocation records on stdout, Node server with its limits), plus two
 * baselines on the same process: a bare Hono route (`/bare`, the floor) and the same app with an
 * answerer that returns a real answer instantly (under `/instant`: the HTTP plumbing, validation
 * and invocation record without the engine). Prints `PORT=n` once listening.
 */
import { Hono } from 'hono';
import { createApp } from '../../services/api/create-app.js';
import { createNodeServer } from '../../services/api/http/create-node-server.js';
import { createDependencies } from '../../services/api/select-dependencies.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createPowertoolsLogger } from '../../shared/observability/create-powertools-logger.js';
import { createScriptedAnswerer } from '../../shared/testing/scripted-answerer.js';

const config = readRuntimeConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const logger = createPowertoolsLogger();
const deps = await createDependencies(config, logger);
const realAnswer = await deps.answerer.answer({ question: 'What does temperature control?' });
const instant = createScriptedAnswerer({ result: realAnswer, appliesGuardrail: true });
const root = new Hono();
root.post('/bare', (c) => c.json({ answer: 'bare', citations: [] }));
root.route('/instant', createApp({ ...deps, answerer: instant, logger }));
root.route('/', createApp({ ...deps, logger }));
const node = createNodeServer({
  fetch: root.fetch,
  logger,
  maxConnections: config.MAX_CONNECTIONS,
  maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
});
const info = await node.listen(0, '127.0.0.1');
console.log(`PORT=${info.port}`);
process.once('SIGTERM', () => process.exit(0));
