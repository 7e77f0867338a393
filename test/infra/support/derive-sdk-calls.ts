import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/** One AWS SDK command that code can send: the IAM service prefix and the operation name. */
export interface SdkCall {
  /** IAM service prefix, read from the SDK client's SigV4 signing name. */
  service: string;
  /** Operation name: the command class without its `Command` suffix. */
  operation: string;
  /** SDK client package, e.g. `@aws-sdk/client-bedrock-agent-runtime`. */
  clientPackage: string;
  /** Source file (project or dependency) that constructs the command. */
  file: string;
}

const require = createRequire(import.meta.url);

/**
 * IAM prefix of the SDK service an AwsCustomResource names, from the metadata aws-cdk-lib
 * itself uses to turn such calls into policies (the handler runs the Lambda runtime's SDK).
 */
export function iamPrefixOfCustomResourceService(service: string): string {
  const packageDir = dirname(require.resolve('aws-cdk-lib/package.json'));
  const metadata = JSON.parse(
    readFileSync(join(packageDir, 'custom-resources/lib/helpers-internal/sdk-v3-metadata.json'), 'utf8'),
  ) as Record<string, { iamPrefix?: string }>;
  return metadata[service.toLowerCase()]?.iamPrefix ?? service.toLowerCase();
}

/** The SigV4 signing name of an SDK v3 client package, which is its IAM service prefix. */
export function signingNameOf(clientPackage: string): string {
  const packageDir = dirname(require.resolve(`${clientPackage}/package.json`));
  const source = readFileSync(join(packageDir, 'dist-es/auth/httpAuthSchemeProvider.js'), 'utf8');
  const names = new Set([...source.matchAll(/name:\s*"([a-z0-9-]+)"/g)].map((match) => match[1] as string));
  if (names.size !== 1) throw new Error(`${clientPackage}: expected one signing name, found ${[...names]}`);
  return [...names][0] as string;
}

const IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/client-[a-z0-9-]+)['"]/g;
const NEW_COMMAND = /new\s+([A-Z][A-Za-z0-9]*Command)\s*\(/g;

/** The commands one source file constructs, each tied to the client package it imports it from. */
export function sdkCallsInSource(source: string, file: string): SdkCall[] {
  const packageOf = new Map<string, string>();
  for (const [, names, clientPackage] of source.matchAll(IMPORT)) {
    for (const raw of (names as string).split(',')) {
      const [imported, local] = raw
        .replace(/^\s*type\s+/, '')
        .split(/\s+as\s+/)
        .map((part) => part.trim());
      if (imported) packageOf.set(local ?? imported, clientPackage as string);
    }
  }
  const calls: SdkCall[] = [];
  for (const [, command] of source.matchAll(NEW_COMMAND)) {
    const clientPackage = packageOf.get(command as string);
    if (!clientPackage) throw new Error(`${file}: ${command} is not imported from an @aws-sdk client`);
    calls.push({
      service: signingNameOf(clientPackage),
      operation: (command as string).replace(/Command$/, ''),
      clientPackage,
      file,
    });
  }
  return calls;
}

/**
 * The files a Lambda entry point's bundle is built from (the SDK itself left out), resolved by
 * esbuild as the deployed bundle resolves them.
 */
export async function importGraph(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

/**
 * Every SDK command a Lambda entry point can send: esbuild resolves the entry's import graph
 * exactly as the deployed bundle does, and each module in it (project code and dependencies
 * such as Powertools Parameters, the SDK itself excepted) is scanned for `new XxxCommand(`.
 */
export async function deriveSdkCalls(entry: string): Promise<SdkCall[]> {
  const calls: SdkCall[] = [];
  for (const file of await importGraph(entry)) {
    if (!/\.(ts|js|mjs)$/.test(file)) continue;
    calls.push(...sdkCallsInSource(readFileSync(file, 'utf8'), file));
  }
  const unique = new Map(calls.map((call) => [`${call.service}:${call.operation}`, call]));
  return [...unique.values()].sort((a, b) => a.operation.localeCompare(b.operation));
}
