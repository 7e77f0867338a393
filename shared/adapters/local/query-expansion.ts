import type { Chunk } from '../../corpus/chunk-document.js';
import { contentTerms } from '../../text/text-analysis.js';

/**
 * Acronym expansion mined from the corpus itself: "Retrieval Augmented Generation (RAG)",
 * "RAG = Retrieval Augmented Generation" and "RAG - Retrieval ..." teach the index that a
 * question about "RAG" is also about its long form, and the other way round.
 */
export interface QueryExpansion {
  /** Extra search text for a query; empty when nothing applies. */
  expand(query: string): string;
  /** Number of known acronyms (for diagnostics). */
  readonly size: number;
}

/** "(ACR)", then the words just before it: looking back from each "(" is far cheaper than a regex that tries every position. */
const PARENTHESISED_ACRONYM = /\(([A-Z][A-Za-z0-9]{1,7})\)/g;
const WORDS_AT_END = /((?:[A-Za-z][\w-]*\s+){1,8}[A-Za-z][\w-]*)\s*$/;
const LOOK_BACK_CHARS = 200;
const SHORT_THEN_LONG =
  /\b([A-Z][A-Z0-9]{1,7})\s*(?:=|:|–|-|\()\s*((?:[A-Za-z][\w-]*\s+){1,6}[A-Za-z][\w-]*)/g;

/** True when the initials of `longForm` spell `acronym` (allows skipped small words). */
function initialsMatch(acronym: string, longForm: string): boolean {
  const words = longForm.split(/[\s-]+/).filter(Boolean);
  const letters = acronym.toLowerCase().replace(/s$/, '');
  let position = 0;
  for (const word of words) {
    if (position < letters.length && word[0]?.toLowerCase() === letters[position]) position++;
    else if (!/^(?:of|and|the|for|to|in|on|a|an|from|with|by|as)$/i.test(word)) return false;
  }
  return position === letters.length;
}

/**
 * The words next to the acronym that spell it: the end of the text before "(ACR)", or the
 * start of the text after "ACR =".
 */
function trimToInitials(acronym: string, longForm: string, side: 'before' | 'after'): string | null {
  const words = longForm.split(/\s+/);
  for (let size = words.length; size >= 1; size--) {
    const candidate = (side === 'before' ? words.slice(words.length - size) : words.slice(0, size)).join(' ');
    if (initialsMatch(acronym, candidate)) return candidate;
  }
  return null;
}

/** Builds the acronym table from chunk texts. */
export function mineAcronyms(chunks: Pick<Chunk, 'text'>[]): Map<string, string> {
  const acronyms = new Map<string, string>();
  const add = (acronym: string, longForm: string, side: 'before' | 'after') => {
    const trimmed = trimToInitials(acronym, longForm, side);
    if (trimmed && !acronyms.has(acronym.toLowerCase()))
      acronyms.set(acronym.toLowerCase(), trimmed.toLowerCase());
  };
  for (const { text } of chunks) {
    for (const match of text.matchAll(PARENTHESISED_ACRONYM)) {
      const before = text.slice(Math.max(0, match.index - LOOK_BACK_CHARS), match.index);
      const longForm = WORDS_AT_END.exec(before)?.[1];
      if (longForm) add(match[1] as string, longForm, 'before');
    }
    for (const match of text.matchAll(SHORT_THEN_LONG)) add(match[1] as string, match[2] as string, 'after');
  }
  return acronyms;
}

/** Creates the expansion from mined acronyms. */
export function createQueryExpansion(acronyms: Map<string, string>): QueryExpansion {
  const longForms = [...acronyms].map(([acronym, longForm]) => ({
    acronym,
    longForm,
    terms: contentTerms(longForm),
  }));
  return {
    size: acronyms.size,
    expand(query: string): string {
      const extra: string[] = [];
      const words = new Set(query.toLowerCase().match(/[a-z0-9]+/g) ?? []);
      const terms = new Set(contentTerms(query));
      for (const { acronym, longForm, terms: longTerms } of longForms) {
        if (words.has(acronym)) extra.push(longForm);
        else if (longTerms.length > 1 && longTerms.every((term) => terms.has(term))) extra.push(acronym);
      }
      return extra.join(' ');
    },
  };
}
