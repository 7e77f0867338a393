import { serve } from '@hono/node-server';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createApp } from './create-app.js';
import { createDependencies } from './select-dependencies.js';

/** `npm start`: the API on Node, offline by default. */
async function main(): Promise<void> {
  const config = readRuntimeConfig();
  const deps = await createDependencies(config);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const { documents, chunks } = deps.health();
    const auth = config.API_KEYS.length > 0 ? ', API key required' : '';
    console.error(
      `course-notes-qa: ${deps.engine} engine, ${documents} documents / ${chunks} chunks, listening on http://localhost:${info.port}${auth}`,
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
