import { CfnResource, type IAspect, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * Gives every Lambda function without a log group of its own (the handlers aws-cdk-lib adds for
 * BucketDeployment, bucket notifications and auto-delete) one with retention that `cdk destroy`
 * deletes; otherwise Lambda creates `/aws/lambda/<name>` at first run, kept forever and left behind.
 */
export class HelperFunctionLogs implements IAspect {
  constructor(private readonly retention: logs.RetentionDays) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== 'AWS::Lambda::Function') return;
    const configured =
      node instanceof lambda.CfnFunction
        ? node.loggingConfig
        : (node as unknown as { _cfnProperties?: Record<string, unknown> })._cfnProperties?.LoggingConfig;
    if (configured) return;
    const stack = Stack.of(node);
    const logGroup = new logs.CfnLogGroup(stack, `${stack.getLogicalId(node)}Logs`, {
      retentionInDays: this.retention,
    });
    logGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
    node.addPropertyOverride('LoggingConfig.LogGroup', logGroup.ref);
  }
}
