import { ArnFormat, Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface InvocationLoggingProps {
  readonly logRetention: logs.RetentionDays;
  /** Deliver prompt and completion text too (otherwise metadata only: model, tokens, timing). */
  readonly textDelivery: boolean;
}

/**
 * Bedrock model invocation logging to CloudWatch Logs. Opt-in (`-c invocationLogging=true`):
 * the setting is account-wide per region, so deleting the stack turns it off again. It records
 * bedrock-runtime calls (InvokeModel, Converse and their streaming forms) made in the account
 * and region; the RetrieveAndGenerate calls this service makes are not among them.
 */
export class InvocationLogging extends Construct {
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: InvocationLoggingProps) {
    super(scope, id);
    const { account, region } = Stack.of(this);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${region}:${account}:*` },
        },
      }),
      description: 'Lets Bedrock write model invocation logs',
    });
    // The log group's Arn attribute already ends in ":*", so "<Arn>:log-stream:*" would match
    // no stream; the stream ARN is built from the group's name instead.
    const streams = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${this.logGroup.logGroupName}:log-stream:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [streams],
      }),
    );

    const put: cr.AwsSdkCall = {
      service: 'bedrock',
      action: 'PutModelInvocationLoggingConfiguration',
      parameters: {
        loggingConfig: {
          cloudWatchConfig: { logGroupName: this.logGroup.logGroupName, roleArn: role.roleArn },
          textDataDeliveryEnabled: props.textDelivery,
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
      logGroup: new logs.LogGroup(this, 'SettingLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
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
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${region}:<AWS::AccountId>:log-group:<${Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as never)}>:log-stream:*]`,
      reason: 'Bedrock names the log streams it creates; the grant is limited to this one log group.',
    });
    Validations.of(setting).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'PutModelInvocationLoggingConfiguration is an account-level setting that takes no resource ARN.',
    });
  }
}
