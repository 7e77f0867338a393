// Plain-language notices for the guardrail report of an answer. Reasons look like
// `pii:EMAIL:ANONYMIZED`, `pii:CREDIT_DEBIT_CARD_NUMBER:BLOCKED`, `topic:Financial advice`,
// `content:PROMPT_ATTACK:HIGH`, `word:PROFANITY`, `grounding:GROUNDING:0.41<0.75`,
// `regex:NAME:BLOCKED` (both engines) or `bedrock-guardrail` (RetrieveAndGenerate gives no detail).

const PII_NAMES = {
  EMAIL: 'e-mail address',
  PHONE: 'phone number',
  AWS_ACCESS_KEY: 'AWS access key',
  AWS_SECRET_KEY: 'AWS secret key',
  CREDIT_DEBIT_CARD_NUMBER: 'card number',
  CREDIT_DEBIT_CARD_CVV: 'card security code',
  CREDIT_DEBIT_CARD_EXPIRY: 'card expiry date',
  US_SOCIAL_SECURITY_NUMBER: 'social security number',
  NAME: 'name',
  ADDRESS: 'address',
  PASSWORD: 'password',
  IP_ADDRESS: 'IP address',
  URL: 'web address',
  USERNAME: 'user name',
};

const TOPICS = {
  'financial advice': 'personal financial advice',
  'medical advice': 'personal medical advice',
  'legal advice': 'personal legal advice',
  'exam dumps': 'real exam questions (exam dumps)',
};

const CONTENT = {
  PROMPT_ATTACK: 'prompt manipulation',
  HATE: 'hateful language',
  INSULTS: 'insults',
  SEXUAL: 'sexual content',
  VIOLENCE: 'violent content',
  MISCONDUCT: 'harmful or illegal activity',
};

const humanise = (code) => code.toLowerCase().replace(/_/g, ' ');
const piiName = (type) => PII_NAMES[type] ?? humanise(type);
const withArticle = (noun) => `${/^[aeiou]/i.test(noun) && !/^e-/.test(noun) ? 'an' : 'a'} ${noun}`;

function listOf(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The category a blocking reason stands for, in words a student understands. */
function categoryOf(reason) {
  const [kind, detail = '', action = ''] = reason.split(':');
  if (kind === 'topic') {
    const topic = reason.slice('topic:'.length);
    return TOPICS[topic.toLowerCase()] ?? topic.toLowerCase();
  }
  if (kind === 'content') return CONTENT[detail] ?? humanise(detail);
  if (kind === 'word') return detail === 'PROFANITY' ? 'profanity' : 'a word this assistant does not accept';
  if (kind === 'pii' && action === 'BLOCKED') return withArticle(piiName(detail));
  if (kind === 'grounding')
    return detail === 'RELEVANCE'
      ? 'the answer did not address the question'
      : 'the answer was not supported by the notes';
  if (kind === 'regex') return 'text this assistant does not accept';
  return null;
}

/**
 * What to tell the student about an answer's guardrail report, or null when nothing happened.
 * `kind` is `blocked` (the request or answer was refused, with the reasons' categories) or
 * `masked` (personal data was hidden and the question was still answered).
 */
export function describeGuardrail(report, { answer = '', blockedMessages = [] } = {}) {
  if (report?.action !== 'INTERVENED') return null;
  const reasons = report.reasons ?? [];
  const masked = reasons.filter((reason) => reason.endsWith(':ANONYMIZED'));
  const categories = [
    ...new Set(
      reasons
        .filter((reason) => !reason.endsWith(':ANONYMIZED'))
        .map(categoryOf)
        .filter(Boolean),
    ),
  ];
  const refusal = blockedMessages.some((message) => answer.trim() === message?.trim());
  if (categories.length > 0 || refusal) {
    return {
      kind: 'blocked',
      title: "I can't help with that request.",
      detail:
        categories.length > 0
          ? `Reason: ${listOf(categories)}.`
          : 'Reason: it is outside what this assistant may answer.',
    };
  }
  const types = [
    ...new Set(masked.filter((reason) => reason.startsWith('pii:')).map((reason) => reason.split(':')[1])),
  ].map(piiName);
  if (types.length > 0) {
    return {
      kind: 'masked',
      title: `Your ${listOf(types)} ${types.length > 1 ? 'were' : 'was'} hidden before the question was answered.`,
      detail: '',
    };
  }
  // An intervention without detail that did not refuse: the guardrail only masks personal data.
  return {
    kind: 'masked',
    title: 'Personal details were hidden before the question was answered.',
    detail: '',
  };
}
