/**
 * The offline API plus two baselines on one server, for `npm run bench`: a bare Hono route (the
 * floor) and the same app with an answerer that returns a real answer instantly, under
 * `/instant` (the app's HTTP plumbing without the engine: middleware, validation, logging, JSON).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../services/api/create-app.js';
import { createLocalDependencies } from '../../services/api/local-deps.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import { createScriptedAnswerer } from '../../shared/testing/scripted-answerer.js';

const deps = await createLocalDependencies(
  readRuntimeConfig({ CORPUS_DIR: 'docs-corpus' }),
  createMemoryRecorder(),
);
const realAnswer = await deps.answerer.answer({ question: 'What does temperature control?' });
const instant = createScriptedAnswerer({ result: realAnswer, appliesGuardrail: true });
const root = new Hono();
root.post('/bare', (c) => c.json({ answer: 'bare', citations: [] }));
root.route('/instant', createApp({ ...deps, answerer: instant, recorder: createMemoryRecorder() }));
root.route('/', createApp(deps));
serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`PORT=${info.port}`));
