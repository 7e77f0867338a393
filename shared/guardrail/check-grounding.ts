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

/**
 * Share (0..1) of the question's content words found in the answer and its sources, either as
 * written or through the query expansion (acronyms, paraphrases): a stand-in for relevance.
 * Masked PII (`{EMAIL}`) is not part of what was asked.
 */
export function relevanceScore(query: string, answer: string, sources: string[], expansion = ''): number {
  const available = termsOf([stripMarkers(answer), ...sources]);
  const share = (terms: string[]) =>
    terms.length === 0 ? 0 : terms.filter((t) => available.has(t)).length / terms.length;
  const queryTerms = [...new Set(contentTerms(withoutPiiPlaceholders(query)))];
  if (queryTerms.length === 0) return 1;
  return Math.max(share(queryTerms), share([...new Set(contentTerms(withoutPiiPlaceholders(expansion)))]));
}
