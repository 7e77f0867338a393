/**
 * The validation library for code that ships in Lambda bundles: zod's tree-shakable `zod/mini`
 * API with English messages. Import it as a namespace (`import * as z from '.../zod.js'`) so
 * esbuild keeps only what is used. Classic `zod` made the API bundle about 60 KB larger (574 KB
 * against 513 KB with the SDK bundled in; the budget is 600 KB, `npm run bench`). Deploy-time and
 * tooling code (infra/, evaluation) keep classic `zod`.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
