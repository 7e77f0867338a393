import { cp, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WEB_VENDOR_FOLDERS } from '../services/api/routes/web-route.js';

/** Every Lambda entry point of the stack, by name. */
export const LAMBDA_ENTRIES = {
  api: 'services/api/lambda-handler.ts',
  apiWithSlack: 'services/api/lambda-slack-handler.ts',
  ingest: 'services/ingest/start-ingestion-handler.ts',
  ingestionStatus: 'services/ingest/ingestion-status-handler.ts',
  slackWorker: 'services/slack-worker/handler.ts',
} as const;

/**
 * The chat page and the libraries it loads; the page folder goes first, since it holds the
 * `vendor/` folder the libraries are copied into.
 */
const CHAT_PAGE = [{ from: 'services/api/web', to: 'web' }, ...WEB_VENDOR_FOLDERS];

/** Folders each entry reads at run time, copied beside its bundle (as the stack does). */
export const LAMBDA_COPY_FOLDERS: Record<string, { from: string; to: string }[]> = {
  [LAMBDA_ENTRIES.api]: CHAT_PAGE,
  [LAMBDA_ENTRIES.apiWithSlack]: CHAT_PAGE,
};

/**
 * Modules left out of the bundles: none. NodejsFunction leaves `@aws-sdk/*` to the runtime by
 * default; we bundle the SDK instead, so Lambda runs the SDK version the tests ran against, and
 * one minified file loads faster than the runtime's SDK packages (`npm run bench`: cold import
 * about 40 % shorter, API bundle still under 600 KB).
 */
export const LAMBDA_EXTERNAL_MODULES: string[] = [];

/** Same settings as the NodejsFunction bundling in `constructs/bundled-function.ts`. */
export const LAMBDA_BUNDLE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Builds one entry as the stack does (ESM, minified, source map) and returns the bundle's size. */
export async function buildLambdaBundle(
  entry: string,
  outdir: string,
): Promise<{ file: string; bytes: number; mapBytes: number }> {
  await mkdir(outdir, { recursive: true });
  const file = join(outdir, 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: LAMBDA_BUNDLE_BANNER },
    external: LAMBDA_EXTERNAL_MODULES,
    logLevel: 'silent',
  });
  for (const { from, to } of LAMBDA_COPY_FOLDERS[entry] ?? [])
    await cp(from, join(outdir, to), { recursive: true });
  return { file, bytes: (await stat(file)).size, mapBytes: (await stat(`${file}.map`)).size };
}

async function main(): Promise<void> {
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
    const { file, bytes, mapBytes } = await buildLambdaBundle(entry, join('dist', 'lambda', name));
    console.log(
      `${name.padEnd(8)} ${(bytes / 1024).toFixed(1).padStart(8)} KB minified  (+${(mapBytes / 1024).toFixed(1)} KB source map)  ${file}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
