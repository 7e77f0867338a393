import { contentTerms } from '../../text/text-analysis.js';

/** "What is Amazon Bedrock?" asks for a definition of "Amazon Bedrock"; returns null otherwise. */
export function definitionSubject(question: string): string | null {
  const match = /^(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(.+?)\s*\??$/i.exec(question.trim());
  return match?.[1] && match[1].split(/\s+/).length <= 5 ? match[1] : null;
}

const VENDOR_PREFIXES = new Set(['amazon', 'aws']);

/**
 * Content terms of what a sentence defines ("Amazon Bedrock is a fully managed service ..." ->
 * amazon, bedrock), or null when it does not read as a definition. Computed once per sentence
 * at index time, so a question only compares term lists.
 */
export function definedTerms(sentence: string): string[] | null {
  const head = /^(.{1,80}?)\s+(?:is|are|refers to|means|occurs when|happens when|=|:|–|-)\s/i.exec(
    sentence,
  )?.[1];
  // "Foundation models (FMs) are ...": the acronym in brackets is the same name again.
  return head ? contentTerms(head.replace(/\([^)]*\)/g, ' ')) : null;
}

/** True when a definition's head is the subject itself (give or take a vendor prefix), not a longer name. */
export function headDefines(headTerms: readonly string[], subjectTerms: readonly string[]): boolean {
  if (subjectTerms.length === 0) return false;
  return (
    subjectTerms.every((term) => headTerms.includes(term)) &&
    headTerms.every((term) => subjectTerms.includes(term) || VENDOR_PREFIXES.has(term))
  );
}

/**
 * A definition head or a subject as one key, vendor prefixes left out, so "is this chunk's
 * definition about the subject" is one lookup: `definitionKey(head) === definitionKey(subject)`
 * is `headDefines` give or take a vendor prefix on either side.
 */
export function definitionKey(terms: readonly string[]): string {
  return [...new Set(terms.filter((term) => !VENDOR_PREFIXES.has(term)))].sort().join(' ');
}
