import { contentTerms, termSetOf } from '../text/text-analysis.js';
import { withoutPiiPlaceholders } from '../text/without-pii-placeholders.js';

/** Term lookup across several texts (checking each text's set beats building their union per answer). */
function termsOf(texts: string[]): { has(term: string): boolean } {
  const sets = texts.map(termSetOf);
  return { has: (term) => sets.some((terms) => terms.has(term)) };
}

/** Removes `[n]` citation markers before comparing text. */
function stripMarkers(text: string): string {
  return text.replace(/\s*\[\d+\]/g, '');
}

/**
 * Share (0..1) of the answer's content words that appear in its sources, averaged over
 * sentences: an offline stand-in for Bedrock's contextual grounding score.
 */
export function groundingScore(answer: string, sources: string[]): number {
  const sourceTerms = termsOf(sources);
  const sentences = stripMarkers(answer)
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => contentTerms(sentence))
    .filter((terms) => terms.length > 0);
  if (sentences.length === 0) return 1;
  const perSentence = sentences.map(
    (terms) => terms.filter((term) => sourceTerms.has(term)).length / terms.length,
  );
  return perSentence.reduce((sum, score) => sum + score, 0) / perSentence.length;
}

/** Words that frame a question without naming its topic: "what kinds of drift…", "how does it apply". */
const QUESTION_FRAME = new Set([
  'kind',
  'type',
  'sort',
  'exampl',
  'appli',
  'work',
  'happen',
  'need',
  'want',
  'help',
  'make',
  'give',
  'take',
  'know',
  'think',
  'includ',
  'involv',
  'choos',
  'pick',
  'decid',
  'consid',
]);

/**
 * Share (0..1) of the question's content words found in the answer and its sources: a stand-in
 * for relevance. A word missing as written counts as found when the query expansion (spelling
 * corrections, acronyms, paraphrases) brings a word of its own that is found, one for one, so
 * "temprature in bedrok" is read as "temperature in bedrock". Masked PII (`{EMAIL}`) and words
 * that only frame the question ("what kinds of") are not part of what was asked.
 */
export function relevanceScore(query: string, answer: string, sources: string[], expansion = ''): number {
  const available = termsOf([stripMarkers(answer), ...sources]);
  const queryTerms = [...new Set(contentTerms(withoutPiiPlaceholders(query)))].filter(
    (term) => !QUESTION_FRAME.has(term),
  );
  if (queryTerms.length === 0) return 1;
  const asked = new Set(queryTerms);
  const found = queryTerms.filter((term) => available.has(term)).length;
  const expansionFound = [...new Set(contentTerms(withoutPiiPlaceholders(expansion)))].filter(
    (term) => !asked.has(term) && available.has(term),
  ).length;
  return (found + Math.min(queryTerms.length - found, expansionFound)) / queryTerms.length;
}
