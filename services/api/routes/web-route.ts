import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../../../shared/errors.js';
import { type AssistantProfile, publicProfileOf } from '../../../shared/profile/assistant-profile.js';
import type { AppEnv } from './app-env.js';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
};

/** The page's own files in `webRoot`. */
const PAGE_FILES = [
  'index.html',
  'chat.js',
  'render-answer.js',
  'guardrail-notice.js',
  'chat.css',
  'favicon.svg',
];

/**
 * Libraries the page loads (Markdown, sanitiser, math), served from this origin: the CSP allows
 * nothing third-party. Each `folder` of a package is read from `webRoot/vendor/<package>` when
 * present (the Lambda bundle carries it there, see WEB_VENDOR_FOLDERS), else from node_modules,
 * so `npm install && npm start` needs no build step. URLs are flat (`assets/<name>`): API Gateway
 * routes one path segment under /assets.
 */
const VENDOR = [
  { package: 'marked', folder: 'lib', files: ['marked.esm.js'] },
  { package: 'dompurify', folder: 'dist', files: ['purify.es.mjs'] },
  { package: 'katex', folder: 'dist', files: ['katex.min.js', 'katex.min.css'], fonts: 'fonts' },
];

/** What a bundle must copy beside the `web` folder for the page's libraries (project-relative). */
export const WEB_VENDOR_FOLDERS = VENDOR.map((entry) => ({
  from: `node_modules/${entry.package}/${entry.folder}`,
  to: `web/vendor/${entry.package}`,
}));

/** Everything the page loads comes from this origin; nothing inline, nothing third-party. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
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
  // The blocked messages let the page tell a refusal from a masked question when the engine
  // gives no reason (Bedrock's RetrieveAndGenerate only says "INTERVENED").
  const data = {
    ...publicProfileOf(profile),
    blockedMessages: [profile.blockedInputMessage, profile.blockedOutputMessage],
  };
  // `<` escaped so no text in the profile can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return template
    .replace('"{{profileJson}}"', json) // quoted in the file so the template itself is valid JSON
    .replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}

/** Folder of one vendor package's files: the bundle's copy, else the installed package. */
function vendorFolder(webRoot: string, entry: (typeof VENDOR)[number]): string {
  const copied = join(webRoot, 'vendor', entry.package);
  if (existsSync(copied)) return copied;
  // Looked up like `require` would, without `resolve`: some packages do not export package.json.
  const roots = createRequire(import.meta.url).resolve.paths(entry.package) ?? [];
  const root = roots.map((folder) => join(folder, entry.package)).find((folder) => existsSync(folder));
  if (!root) throw new Error(`${entry.package} is not installed`);
  return join(root, entry.folder);
}

/**
 * KaTeX's stylesheet loads its fonts from `fonts/`; served flat, they sit beside it. Only the
 * WOFF2 files are served (every browser that runs the page reads WOFF2), so the WOFF and TTF
 * fallbacks are dropped rather than left pointing at missing files.
 */
function flattenFontUrls(css: string): string {
  return css
    .replace(/,\s*url\(fonts\/[^)]+\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, '')
    .replace(/url\(fonts\//g, 'url(');
}

/** Path of every vendor file by its flat name; unresolvable packages leave their files out. */
function vendorFiles(webRoot: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of VENDOR) {
    let folder: string;
    try {
      folder = vendorFolder(webRoot, entry);
    } catch {
      // Not installed and not bundled: the page falls back to plain text answers.
      continue;
    }
    for (const name of entry.files) files.set(name, join(folder, name));
    if (entry.fonts && existsSync(join(folder, entry.fonts))) {
      for (const font of readdirSync(join(folder, entry.fonts)).filter((name) => name.endsWith('.woff2')))
        files.set(font, join(folder, entry.fonts, font));
    }
  }
  return files;
}

/** `GET /`, `/favicon.ico` and `/assets/*`: the chat page, read once from `webRoot` (services/api/web). */
export function webRoute(webRoot: string, profile: AssistantProfile) {
  const page = new Map<string, string | Uint8Array<ArrayBuffer>>(
    PAGE_FILES.map((name) => [name, readFileSync(join(webRoot, name), 'utf8')]),
  );
  page.set('index.html', renderPage(String(page.get('index.html')), profile));
  const vendor = vendorFiles(webRoot);

  // Vendor files are read on first use (fonts most pages never need), then kept.
  const bodyOf = (name: string): string | Uint8Array<ArrayBuffer> | undefined => {
    const cached = page.get(name);
    if (cached !== undefined) return cached;
    const path = vendor.get(name);
    if (path === undefined || !existsSync(path)) return undefined;
    const body = name.endsWith('.css')
      ? flattenFontUrls(readFileSync(path, 'utf8'))
      : new Uint8Array(readFileSync(path));
    page.set(name, body);
    return body;
  };

  const send = (name: string, cacheControl: string) => {
    const body = bodyOf(name);
    const type = TYPES[name.slice(name.lastIndexOf('.') + 1)];
    if (body === undefined || type === undefined) throw new NotFoundError(`No asset ${name}.`);
    return new Response(body, {
      headers: { 'content-type': type, 'cache-control': cacheControl, ...SECURITY_HEADERS },
    });
  };
  return new Hono<AppEnv>()
    .get('/', () => send('index.html', 'no-cache'))
    .get('/favicon.ico', () => send('favicon.svg', 'public, max-age=86400'))
    .get('/assets/:name', (c) => {
      const name = c.req.param('name');
      if (name === 'index.html') throw new NotFoundError('No asset index.html.');
      // Libraries change only with package.json; the page's own files may change on any deploy.
      return send(name, vendor.has(name) ? 'public, max-age=86400' : 'public, max-age=300');
    });
}
