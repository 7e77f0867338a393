import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLE_BANNER, LAMBDA_EXTERNAL_MODULES } from '../lambda-bundles.js';

export interface BundledFunctionProps {
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly logRetention: logs.RetentionDays;
  /** Folders (relative to the project root) copied beside the bundle, e.g. the chat page. */
  readonly copyFolders?: { from: string; to: string }[];
  /** Why this function's role has a "*" grant besides X-Ray's (cdk-nag acknowledgement). */
  readonly wildcardReason?: string;
}

/** The Lambda runtime; the `node` devDependency pins the same major for scripts and tests. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

const XRAY_WILDCARD_REASON =
  'xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) have no resource type, so they are granted on "*".';

/**
 * Our Lambda defaults in one place: Node.js 24 on ARM64, an ESM bundle built by the locally
 * installed esbuild (never Docker), minified with source maps and with the AWS SDK bundled in
 * (`LAMBDA_EXTERNAL_MODULES`), X-Ray tracing like the API stage, and its own log group with
 * retention that `cdk destroy` deletes.
 */
export function bundledFunction(scope: Construct, id: string, props: BundledFunctionProps): NodejsFunction {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const fn = new NodejsFunction(scope, id, {
    entry: props.entry,
    handler: 'handler',
    description: props.description,
    runtime: LAMBDA_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(30),
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    bundling: {
      format: OutputFormat.ESM,
      target: 'node24',
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      externalModules: LAMBDA_EXTERNAL_MODULES,
      forceDockerBundling: false,
      // Some CommonJS dependencies still call require(); give the ESM bundle one.
      banner: LAMBDA_BUNDLE_BANNER,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir: string, outputDir: string) =>
          (props.copyFolders ?? []).map(({ from, to }) => `cp -r "${inputDir}/${from}" "${outputDir}/${to}"`),
      },
    },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: [XRAY_WILDCARD_REASON, props.wildcardReason].filter(Boolean).join(' '),
  });
  return fn;
}
