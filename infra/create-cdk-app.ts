import { App, Aspects, Validations } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEPLOY_SETTING_KEYS, readDeploySettings } from './config.js';
import { HelperFunctionLogs } from './helper-function-logs.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import { CourseNotesQaStack } from './stacks/course-notes-qa-stack.js';

/** Builds the CDK app (used by `infra/app.ts` and by the infra tests). */
export function createCdkApp(context: Record<string, unknown> = {}, outdir?: string) {
  const app = new App({ context, ...(outdir ? { outdir } : {}) });
  const settings = readDeploySettings(
    Object.fromEntries(DEPLOY_SETTING_KEYS.map((key) => [key, app.node.tryGetContext(key)])),
  );
  const stack = new CourseNotesQaStack(app, settings.stackName, {
    settings,
    env: {
      region: settings.region,
      ...(process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT } : {}),
    },
    description: 'Course-notes Q&A on Amazon Bedrock (knowledge base, guardrail, API)',
  });
  Aspects.of(stack).add(new HelperFunctionLogs(settings.logRetentionDays as logs.RetentionDays));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeNagFindings(stack);
  return { app, stack, settings };
}
