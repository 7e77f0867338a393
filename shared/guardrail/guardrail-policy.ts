import { type AssistantProfile, courseNotesProfile } from '../profile/assistant-profile.js';

/**
 * The guardrail policy, defined once. Its shape follows `AWS::Bedrock::Guardrail` so the CDK
 * construct maps it field by field; the offline guardrail (`create-local-guardrail.ts`) applies
 * the same object. Fields prefixed `local` are only read offline, where no model is available
 * to classify text: they hold the patterns that stand in for Bedrock's classifiers. What depends
 * on the subject (denied topics and words, blocked messages) comes from the assistant profile;
 * content filters, PII handling and grounding are the same for every profile.
 */

export type FilterStrength = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
export type ContentFilterType = 'HATE' | 'INSULTS' | 'SEXUAL' | 'VIOLENCE' | 'MISCONDUCT' | 'PROMPT_ATTACK';
export type PiiEntityType =
  | 'EMAIL'
  | 'PHONE'
  | 'AWS_ACCESS_KEY'
  | 'AWS_SECRET_KEY'
  | 'CREDIT_DEBIT_CARD_NUMBER'
  | 'US_SOCIAL_SECURITY_NUMBER';
export type PiiAction = 'BLOCK' | 'ANONYMIZE';

export interface ContentFilter {
  type: ContentFilterType;
  inputStrength: FilterStrength;
  /** Bedrock requires NONE for PROMPT_ATTACK outputs. */
  outputStrength: FilterStrength;
}

export interface DeniedTopic {
  name: string;
  definition: string;
  examples: string[];
  type: 'DENY';
  /** Offline only: case-insensitive regular expressions that signal the topic. */
  localPatterns: string[];
}

export interface GuardrailPolicy {
  name: string;
  description: string;
  blockedInputMessaging: string;
  blockedOutputsMessaging: string;
  contentPolicy: { filters: ContentFilter[] };
  topicPolicy: { topics: DeniedTopic[] };
  wordPolicy: { words: string[]; managedWordLists: 'PROFANITY'[] };
  sensitiveInformationPolicy: { piiEntities: { type: PiiEntityType; action: PiiAction }[] };
  contextualGroundingPolicy: { filters: { type: 'GROUNDING' | 'RELEVANCE'; threshold: number }[] };
}

/** The guardrail policy of an assistant profile. */
export function guardrailPolicyFor(profile: AssistantProfile): GuardrailPolicy {
  return {
    name: `${profile.id}-guardrail`,
    description:
      `Keeps the assistant for ${profile.subject} on topic, safe, and free of personal data.`.slice(0, 200),
    blockedInputMessaging: profile.blockedInputMessage,
    blockedOutputsMessaging: profile.blockedOutputMessage,
    contentPolicy: {
      filters: [
        { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
        { type: 'INSULTS', inputStrength: 'HIGH', outputStrength: 'HIGH' },
        { type: 'SEXUAL', inputStrength: 'HIGH', outputStrength: 'HIGH' },
        { type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
        { type: 'MISCONDUCT', inputStrength: 'HIGH', outputStrength: 'HIGH' },
        // MEDIUM so that questions *about* prompt attacks (low confidence) pass.
        { type: 'PROMPT_ATTACK', inputStrength: 'MEDIUM', outputStrength: 'NONE' },
      ],
    },
    topicPolicy: { topics: profile.deniedTopics.map((topic) => ({ ...topic, type: 'DENY' })) },
    wordPolicy: { words: [...profile.deniedWords], managedWordLists: ['PROFANITY'] },
    sensitiveInformationPolicy: {
      piiEntities: [
        { type: 'EMAIL', action: 'ANONYMIZE' },
        { type: 'PHONE', action: 'ANONYMIZE' },
        { type: 'AWS_ACCESS_KEY', action: 'ANONYMIZE' },
        { type: 'AWS_SECRET_KEY', action: 'ANONYMIZE' },
        { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
        { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' },
      ],
    },
    contextualGroundingPolicy: {
      filters: [
        { type: 'GROUNDING', threshold: 0.75 },
        { type: 'RELEVANCE', threshold: 0.5 },
      ],
    },
  };
}

/** The default profile's policy (the course notes). */
export const guardrailPolicy: GuardrailPolicy = guardrailPolicyFor(courseNotesProfile);
