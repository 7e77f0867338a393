/**
 * The guardrail policy, defined once. Its shape follows `AWS::Bedrock::Guardrail` so the CDK
 * construct maps it field by field; the offline guardrail (`create-local-guardrail.ts`) applies
 * the same object. Fields prefixed `local` are only read offline, where no model is available
 * to classify text: they hold the patterns that stand in for Bedrock's classifiers.
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

export const guardrailPolicy: GuardrailPolicy = {
  name: 'course-notes-guardrail',
  description: 'Keeps the course-notes assistant on study topics, safe, and free of personal data.',
  blockedInputMessaging:
    'Sorry, I can only help with questions about the course material, and this request is outside what I may answer.',
  blockedOutputsMessaging:
    'Sorry, I cannot share that answer. Please rephrase your question about the course material.',
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
  topicPolicy: {
    topics: [
      {
        name: 'Exam dumps',
        definition:
          'Requests for leaked, real or recalled certification exam questions and answers, or help cheating on an exam.',
        examples: [
          'Give me the real AIF-C01 exam questions',
          'Where can I download an exam dump for the AI Practitioner test?',
          'Share the actual questions from last week’s certification exam',
        ],
        type: 'DENY',
        localPatterns: [
          '\\b(exam|test|certification)\\s*(dumps?|braindumps?)\\b',
          '\\bbraindumps?\\b',
          '\\b(real|actual|leaked|recalled|stolen)\\s+(aif-c01\\s+|aws\\s+|certification\\s+)?(exam|test)\\s+(questions?|answers?|q&a)\\b',
          '\\b(questions?|answers?)\\s+(from|of)\\s+(the\\s+|last\\s+\\w+\\W?s\\s+|today\\W?s\\s+)?(real|actual|live)\\s+(aif-c01\\s+)?(exam|test)\\b',
          '\\b(cheat|cheating)\\s+(on|in)\\s+(the\\s+|my\\s+)?(exam|test|certification)\\b',
        ],
      },
      {
        name: 'Financial advice',
        definition: 'Personal investment, trading, tax or financial planning recommendations.',
        examples: [
          'Should I buy Amazon stock?',
          'Which crypto should I invest my savings in?',
          'How should I invest my bonus?',
        ],
        type: 'DENY',
        localPatterns: [
          '\\b(should|shall|can)\\s+i\\s+(buy|sell|short|invest|trade)\\b',
          '\\b(invest|put)\\s+(my|our)\\s+(money|savings|bonus|pension|retirement)',
          '\\bwhich\\s+(stocks?|shares|crypto\\w*|coins?|funds?|etfs?)\\s+(should|to)\\b',
          '\\b(stock|crypto|trading|investment)\\s+(tips?|picks?|recommendations?)\\b',
          '\\bhow\\s+(should|do)\\s+i\\s+invest\\b',
        ],
      },
      {
        name: 'Medical advice',
        definition: 'Personal diagnosis, treatment, medication or dosage recommendations.',
        examples: ['What dose of ibuprofen should I take?', 'Do I have diabetes based on these symptoms?'],
        type: 'DENY',
        localPatterns: [
          '\\b(what|which|how\\s+much)\\s+(dose|dosage|amount|medication|medicine|pills?)\\s+(of\\s+[\\w-]+\\s+)?(should|can|do)\\s+i\\b',
          '\\bhow\\s+(much|many)\\s+[\\w-]+\\s+(should|can)\\s+i\\s+take\\b',
          '\\bshould\\s+i\\s+(take|stop\\s+taking|double)\\s+(my\\s+)?\\w*\\s*(medication|medicine|pills?|antibiotics?|dose)',
          '\\bdo\\s+i\\s+have\\s+(cancer|diabetes|covid|an?\\s+\\w+\\s+(disease|infection))\\b',
          '\\b(diagnose|treat)\\s+(me|my)\\b',
          '\\bmy\\s+symptoms\\b',
        ],
      },
      {
        name: 'Legal advice',
        definition: 'Personal legal counsel about lawsuits, contracts, or what someone should do legally.',
        examples: ['Can I sue my employer for this?', 'How do I get out of my lease without paying?'],
        type: 'DENY',
        localPatterns: [
          '\\b(can|should)\\s+i\\s+sue\\b',
          '\\b(sue|suing)\\s+(my|our|the)\\s+\\w+',
          '\\bget\\s+out\\s+of\\s+(my|a|the)\\s+(lease|contract)\\b',
          '\\bis\\s+it\\s+legal\\s+for\\s+me\\b',
          '\\b(my|our)\\s+(lawsuit|divorce|custody|court\\s+case)\\b',
        ],
      },
    ],
  },
  wordPolicy: { words: ['braindump', 'pass4sure', 'examtopics dump'], managedWordLists: ['PROFANITY'] },
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
