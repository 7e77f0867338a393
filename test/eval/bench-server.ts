/**
 * The offline API plus a bare Hono route on one server, for `npm run bench`: the bare route is
 * the floor against which the app's own overhead is measured.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../services/api/create-app.js';
import { createLocalDependencies } from '../../services/api/local-deps.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';

const deps = await createLocalDependencies(
  readRuntimeConfig({ CORPUS_DIR: 'docs-corpus' }),
  createMemoryRecorder(),
);
const root = new Hono();
root.post('/bare', (c) => c.json({ answer: 'bare', citations: [] }));
root.route('/', createApp(deps));
serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`PORT=${info.port}`));
