import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface InvocationLoggingProps {
  readonly logRetention: logs.RetentionDays;
}

/**
 * Bedrock model invocation logging to CloudWatch Logs. Opt-in (`-c invocationLogging=true`):
 * the setting is account-wide per region, so deleting the stack turns it off again.
 */
export class InvocationLogging extends Construct {
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: InvocationLoggingProps) {
    super(scope, id);
    const { account, region } = Stack.of(this);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    const role = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${region}:${account}:*` },
        },
      }),
      description: 'Lets Bedrock write model invocation logs',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.logGroupArn}:log-stream:*`],
      }),
    );

    const put: cr.AwsSdkCall = {
      service: 'bedrock',
      action: 'PutModelInvocationLoggingConfiguration',
      parameters: {
        loggingConfig: {
          cloudWatchConfig: { logGroupName: this.logGroup.logGroupName, roleArn: role.roleArn },
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: false,
          embeddingDataDeliveryEnabled: false,
        },
      },
      physicalResourceId: cr.PhysicalResourceId.of(`model-invocation-logging-${region}`),
    };
    const setting = new cr.AwsCustomResource(this, 'Setting', {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'bedrock', action: 'DeleteModelInvocationLoggingConfiguration' },
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'SettingLogs', { retention: props.logRetention }),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: [
            'bedrock:PutModelInvocationLoggingConfiguration',
            'bedrock:DeleteModelInvocationLoggingConfiguration',
          ],
          resources: ['*'], // account-level setting: the API takes no resource ARN
        }),
        new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [role.roleArn] }),
      ]),
    });
    setting.node.addDependency(role);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as never)}.Arn>:log-stream:*]`,
      reason: 'Bedrock names the log streams it creates; the grant is limited to this one log group.',
    });
    Validations.of(setting).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'PutModelInvocationLoggingConfiguration is an account-level setting that takes no resource ARN.',
    });
  }
}
