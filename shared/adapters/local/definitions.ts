import { contentTerms } from './text-analysis.js';

/** "What is Amazon Bedrock?" asks for a definition of "Amazon Bedrock"; returns null otherwise. */
export function definitionSubject(question: string): string | null {
  const match = /^(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(.+?)\s*\??$/i.exec(question.trim());
  return match?.[1] && match[1].split(/\s+/).length <= 5 ? match[1] : null;
}

const VENDOR_PREFIXES = new Set(['amazon', 'aws']);

/** "Amazon Bedrock is a fully managed service ..." defines "Amazon Bedrock". */
export function isDefinitionOf(sentence: string, subject: string): boolean {
  const subjectTerms = contentTerms(subject);
  const head = /^(.{1,80}?)\s+(?:is|are|refers to|means|=|:|–|-)\s/i.exec(sentence)?.[1];
  if (!head || subjectTerms.length === 0) return false;
  const subjectSet = new Set(subjectTerms);
  const headTerms = contentTerms(head);
  // The head must be the subject itself (give or take a vendor prefix), not a longer name.
  return (
    subjectTerms.every((term) => headTerms.includes(term)) &&
    headTerms.every((term) => subjectSet.has(term) || VENDOR_PREFIXES.has(term))
  );
}

/** True when any line of the text defines the subject. */
export function definesSubject(text: string, subject: string): boolean {
  return text.split('\n').some((line) => isDefinitionOf(line, subject));
}
