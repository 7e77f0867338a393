import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../../../shared/errors.js';
import { type AssistantProfile, publicProfileOf } from '../../../shared/profile/assistant-profile.js';
import type { AppEnv } from './app-env.js';

const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
};

/** Everything the page loads comes from this origin; nothing inline, nothing third-party. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The page names the profile's subject and examples; the JSON block is data, never executed. */
function renderPage(template: string, profile: AssistantProfile): string {
  const examples = profile.exampleQuestions.slice(0, 2).map((question) => `“${escapeHtml(question)}”`);
  const values: Record<string, string> = {
    name: escapeHtml(profile.name),
    tagline: escapeHtml(profile.tagline),
    examples: examples.join(' or '),
  };
  // `<` escaped so no text in the profile can close the script element.
  const json = JSON.stringify(publicProfileOf(profile)).replace(/</g, '\\u003c');
  return template
    .replace('"{{profileJson}}"', json) // quoted in the file so the template itself is valid JSON
    .replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}

/** `GET /` and `/assets/*`: the chat page, read once from `webRoot` (services/api/web). */
export function webRoute(webRoot: string, profile: AssistantProfile) {
  const files = new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(join(webRoot, name), 'utf8')]));
  files.set('index.html', renderPage(files.get('index.html') ?? '', profile));
  const send = (name: string, cacheControl: string) => {
    const body = files.get(name);
    if (body === undefined) throw new NotFoundError(`No asset ${name}.`);
    return new Response(body, {
      headers: { 'content-type': ASSETS[name] as string, 'cache-control': cacheControl, ...SECURITY_HEADERS },
    });
  };
  return new Hono<AppEnv>()
    .get('/', () => send('index.html', 'no-cache'))
    .get('/assets/:name', (c) => {
      const name = c.req.param('name');
      if (name === 'index.html') throw new NotFoundError('No asset index.html.');
      return send(name, 'public, max-age=300');
    });
}
