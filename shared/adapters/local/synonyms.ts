/**
 * General ML/GenAI paraphrases a student uses for a term the notes use. Each group is written
 * as the plain-language phrasings first and the notes' term last; a question containing any
 * phrasing also searches for the term. Kept deliberately general (no question-specific entries).
 */
export const SYNONYM_GROUPS: ReadonlyArray<{ phrasings: string[]; term: string }> = [
  {
    phrasings: [
      'make up',
      'made up',
      'makes up',
      'invent',
      'fabricate',
      'false facts',
      'wrong facts',
      'confidently wrong',
    ],
    term: 'hallucination fabricated',
  },
  {
    phrasings: [
      'memorise',
      'memorize',
      'memorising',
      'memorizing',
      'generalise',
      'generalize',
      'too complex',
    ],
    term: 'overfitting generalize',
  },
  { phrasings: ['too simple', 'not learning', 'misses patterns'], term: 'underfitting' },
  {
    phrasings: [
      'watch',
      'watched',
      'keep an eye',
      'track',
      'observe',
      'after deployment',
      'go live',
      'in production',
    ],
    term: 'monitoring',
  },
  {
    phrasings: ['pays for itself', 'worth it', 'worth the money', 'payback', 'value for money', 'profit'],
    term: 'return on investment roi',
  },
  {
    phrasings: ['price', 'priced', 'pricing', 'charged', 'bill', 'billing', 'how much'],
    term: 'pricing cost pay',
  },
  {
    phrasings: [
      'own documents',
      'internal documents',
      'company documents',
      'private data',
      'own data',
      'without retraining',
      'without being retrained',
      'up-to-date information',
    ],
    term: 'retrieval augmented generation knowledge base',
  },
  {
    phrasings: ['multi-step', 'multistep', 'take actions', 'call apis', 'complete tasks', 'automate tasks'],
    term: 'agents orchestrate',
  },
  { phrasings: ['randomness', 'creativity', 'creative', 'random'], term: 'temperature' },
  { phrasings: ['examples in the prompt', 'few examples', 'a couple of examples'], term: 'few-shot' },
  { phrasings: ['no examples', 'without examples'], term: 'zero-shot' },
  {
    phrasings: ['step by step', 'reasoning steps', 'show its work', 'explain its reasoning'],
    term: 'chain-of-thought',
  },
  {
    phrasings: ['trick the model', 'override instructions', 'malicious prompt', 'hijack'],
    term: 'prompt injection jailbreak',
  },
  {
    phrasings: ['human ratings', 'human feedback', 'people rate', 'human preference'],
    term: 'reinforcement learning human feedback rlhf',
  },
  { phrasings: ['unfair', 'discriminat', 'prejudice', 'skewed'], term: 'bias fairness' },
  {
    phrasings: ['explain predictions', 'why the model decided', 'interpret'],
    term: 'explainability clarify',
  },
  { phrasings: ['chips', 'chip', 'hardware', 'accelerator'], term: 'trainium inferentia' },
  { phrasings: ['no code', 'without code', 'without writing code', 'playground'], term: 'partyrock' },
  {
    phrasings: ['coding assistant', 'write code', 'developers write', 'code suggestions'],
    term: 'amazon q developer',
  },
  {
    phrasings: [
      'list of numbers',
      'lists of numbers',
      'numeric representation',
      'numbers for search',
      'semantic search',
    ],
    term: 'embeddings vectors',
  },
  {
    phrasings: ['groups', 'grouping', 'no labels', 'unlabelled', 'unlabeled'],
    term: 'clustering unsupervised',
  },
  { phrasings: ['labelled', 'labeled', 'known answers'], term: 'supervised' },
  { phrasings: ['trial and error', 'rewards', 'reward'], term: 'reinforcement learning' },
  {
    phrasings: ['different answers', 'same prompt', 'varies each time', 'not repeatable'],
    term: 'non-deterministic',
  },
  { phrasings: ['how many tokens', 'input size', 'maximum input', 'read at once'], term: 'context window' },
  { phrasings: ['pictures', 'images from text', 'generate images'], term: 'diffusion' },
  { phrasings: ['translation quality', 'translate'], term: 'bleu' },
  { phrasings: ['summary quality', 'summaries', 'overlapping words'], term: 'rouge' },
  { phrasings: ['false positives', 'wrongly flagged'], term: 'precision' },
  {
    phrasings: ['custom model', 'customize', 'customise', 'adapt a model', 'train further'],
    term: 'fine-tuning',
  },
  {
    phrasings: [
      'forbidden topics',
      'topics i do not allow',
      'block topics',
      'safety filters',
      'filter harmful',
    ],
    term: 'guardrails denied topics',
  },
];

/** Each phrasing as searched for: at the start of a word of the space-separated query. */
const NEEDLES = SYNONYM_GROUPS.map(({ phrasings, term }) => ({
  term,
  phrasings: phrasings.map((phrasing) => ({ phrasing, needle: ` ${phrasing}` })),
}));

/** The groups whose phrasing occurs in the query, with the phrasing that matched. */
export function matchSynonymGroups(query: string): { phrasing: string; term: string }[] {
  const lower = ` ${query.toLowerCase().replace(/[^a-z0-9'-]+/g, ' ')} `;
  const matches: { phrasing: string; term: string }[] = [];
  for (const { phrasings, term } of NEEDLES) {
    const match = phrasings.find(({ needle }) => lower.includes(needle));
    if (match) matches.push({ phrasing: match.phrasing, term });
  }
  return matches;
}

/** Extra search text for phrasings found in the query. */
export function expandSynonyms(query: string): string {
  return matchSynonymGroups(query)
    .map(({ term }) => term)
    .join(' ');
}
