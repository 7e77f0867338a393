import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../services/api/deps.js';
import { WEB_VENDOR_FOLDERS, webRoute } from '../../services/api/routes/web-route.js';
import { courseNotesProfile } from '../../shared/profile/assistant-profile.js';

function pageApp(webRoot: string) {
  const app = new Hono().route('/', webRoute(webRoot, courseNotesProfile));
  app.onError((error, c) => c.json({ error: error.message }, 404));
  return app;
}

const VENDOR_FILES = {
  'marked.esm.js': 'text/javascript; charset=utf-8',
  'purify.es.mjs': 'text/javascript; charset=utf-8',
  'katex.min.js': 'text/javascript; charset=utf-8',
  'katex.min.css': 'text/css; charset=utf-8',
};

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('web route', () => {
  it('serves the page libraries from node_modules, with every font the KaTeX stylesheet names', async () => {
    // Prepare
    const app = pageApp(WEB_ROOT);

    // Act
    const responses = await Promise.all(
      Object.keys(VENDOR_FILES).map(async (name) => [name, await app.request(`/assets/${name}`)] as const),
    );
    const css = await (await app.request('/assets/katex.min.css')).text();
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1] as string);

    // Assess
    for (const [name, response] of responses) {
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe(
        VENDOR_FILES[name as keyof typeof VENDOR_FILES],
      );
    }
    expect(fonts.length).toBeGreaterThanOrEqual(19);
    for (const font of fonts) {
      expect(font).toMatch(/^KaTeX_[\w-]+\.woff2$/); // flat: API Gateway routes one segment under /assets
      const response = await app.request(`/assets/${font}`);
      expect(response.status, font).toBe(200);
      expect(response.headers.get('content-type')).toBe('font/woff2');
    }
  });

  it('reads the libraries from web/vendor when a bundle copies them there as WEB_VENDOR_FOLDERS says', async () => {
    // Prepare: the Lambda bundling's own commands (bundled-function.ts: `cp -r from to`), web first
    const out = mkdtempSync(join(tmpdir(), 'web-bundle-'));
    scratch.push(out);
    execFileSync('cp', ['-r', WEB_ROOT, join(out, 'web')]);
    for (const { from, to } of WEB_VENDOR_FOLDERS) execFileSync('cp', ['-r', from, join(out, to)]);
    appendFileSync(join(out, 'web/vendor/marked/marked.esm.js'), '\n// bundled copy\n');
    const app = pageApp(join(out, 'web'));

    // Act
    const marked = await (await app.request('/assets/marked.esm.js')).text();
    const font = await app.request('/assets/KaTeX_Main-Regular.woff2');

    // Assess
    expect(marked).toContain('// bundled copy');
    expect(font.status).toBe(200);
    expect((await app.request('/assets/purify.es.mjs')).status).toBe(200);
  });

  it('answers /favicon.ico and keeps the strict CSP on every asset', async () => {
    // Prepare
    const app = pageApp(WEB_ROOT);

    // Act
    const icon = await app.request('/favicon.ico');
    const page = await app.request('/');
    const library = await app.request('/assets/katex.min.js');

    // Assess
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    for (const response of [icon, page, library]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("font-src 'self'");
      expect(csp).not.toContain('unsafe');
    }
  });

  it('refuses names outside the allow-list', async () => {
    // Prepare
    const app = pageApp(WEB_ROOT);

    // Act
    const statuses = await Promise.all(
      [
        'README.md',
        'katex.mjs',
        'fonts%2FKaTeX_Main-Regular.woff2',
        'KaTeX_Main-Regular.ttf',
        '..%2Fdeps.ts',
      ].map(async (name) => (await app.request(`/assets/${name}`)).status),
    );

    // Assess
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
  });

  it('gives the page the blocked messages, so it can tell a refusal from a masked question', async () => {
    // Prepare
    const app = pageApp(WEB_ROOT);

    // Act
    const html = await (await app.request('/')).text();

    // Assess
    const data = /<script id="assistant-profile" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(data ?? 'null').blockedMessages).toEqual([
      courseNotesProfile.blockedInputMessage,
      courseNotesProfile.blockedOutputMessage,
    ]);
  });
});
