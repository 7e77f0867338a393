/**
 * The validation library for code that ships in Lambda bundles: zod's tree-shakable `zod/mini`
 * API with English messages. Import it as a namespace (`import * as z from '.../zod.js'`) so
 * esbuild keeps only what is used. Classic `zod` weighs about 75 KB more minified, which would
 * push the Slack-enabled API bundle over the 600 KB budget (`npm run bench`); deploy-time and
 * tooling code (infra/, evaluation) keep classic `zod`.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
