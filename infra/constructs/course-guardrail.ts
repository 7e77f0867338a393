import { createHash } from 'node:crypto';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import { Construct } from 'constructs';
import type { GuardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { physicalName } from './physical-name.js';

export interface CourseGuardrailProps {
  /** The shared policy object the offline guardrail applies too. */
  readonly policy: GuardrailPolicy;
}

/** The Bedrock Guardrail built field by field from the shared policy, plus a published version. */
export class CourseGuardrail extends Construct {
  public readonly guardrail: bedrock.CfnGuardrail;
  public readonly version: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: CourseGuardrailProps) {
    super(scope, id);
    const { policy } = props;
    this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', {
      // Guardrail names are unique per account and region: one per stack.
      name: physicalName(this, policy.name, null, 50),
      description: policy.description,
      blockedInputMessaging: policy.blockedInputMessaging,
      blockedOutputsMessaging: policy.blockedOutputsMessaging,
      contentPolicyConfig: {
        filtersConfig: policy.contentPolicy.filters.map(({ type, inputStrength, outputStrength }) => ({
          type,
          inputStrength,
          outputStrength,
        })),
      },
      topicPolicyConfig: {
        topicsConfig: policy.topicPolicy.topics.map(({ name, definition, examples, type }) => ({
          name,
          definition,
          examples,
          type,
        })),
      },
      wordPolicyConfig: {
        wordsConfig: policy.wordPolicy.words.map((text) => ({ text })),
        managedWordListsConfig: policy.wordPolicy.managedWordLists.map((type) => ({ type })),
      },
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: policy.sensitiveInformationPolicy.piiEntities.map(({ type, action }) => ({
          type,
          action,
        })),
      },
      contextualGroundingPolicyConfig: {
        filtersConfig: policy.contextualGroundingPolicy.filters.map(({ type, threshold }) => ({
          type,
          threshold,
        })),
      },
    });
    // A changed policy changes the description, which replaces the version: a new one is published.
    const policyHash = createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 12);
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `policy ${policyHash}`,
    });
  }
}
