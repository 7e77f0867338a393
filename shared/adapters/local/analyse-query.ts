import { contentTerms, normaliseTerm, tokenize } from '../../text/text-analysis.js';
import type { QueryExpansion } from './query-expansion.js';
import { matchSynonymGroups } from './synonyms.js';
import type { TypoCorrection } from './typo-correction.js';

/** Distinct terms of a question searched at most (a normal question has fewer than 15). */
export const MAX_QUERY_TERMS = 32;
/** Misspelt words corrected per question at most (each costs a vocabulary lookup). */
export const MAX_CORRECTED_WORDS = 4;
/** Characters of a query analysed at most; the HTTP contract allows 2,000 per question. */
export const MAX_QUERY_CHARS = 4000;

/** Where a query term came from: the question itself, a typo correction or an expansion. */
export type TermOrigin = 'question' | 'typo' | 'acronym' | 'synonym' | 'context' | 'preamble';

/** One search term of a query with its weight. */
export interface QueryTerm {
  term: string;
  weight: number;
  origin: TermOrigin;
  /** For corrections: the question term it stands for; for paraphrases: the phrasing matched. */
  for?: string;
}

/** A query as searched: distinct weighted terms, each searched once. */
export interface AnalysedQuery {
  /** Weight of each distinct search term (the highest when several origins give it). */
  weights: Map<string, number>;
  terms: QueryTerm[];
  /** The question's own distinct content terms, in order (after the cap). */
  own: string[];
}

export interface QueryAnalysisSettings {
  expansion: QueryExpansion;
  typos: TypoCorrection | null;
  useSynonyms: boolean;
  /** Weight of acronym and paraphrase expansions relative to the question's own terms. */
  expansionWeight: number;
  /** Weight of a typo correction. */
  typoWeight: number;
  /** Inverse document frequency of a term (0 when the corpus lacks it). */
  idf: (term: string) => number;
}

/** Terms a follow-up carries from the previous turn's subject, and their weight. */
export interface CarriedSubject {
  terms: readonly string[];
  weight: number;
  /** `context`: the previous turn's subject; `preamble`: what a message says before its question. */
  origin?: 'context' | 'preamble';
}

/**
 * Analyses a query once: distinct content terms (a word repeated 300 times is searched once),
 * at most `MAX_QUERY_TERMS` of them (the rarest in the corpus are kept), corrections for words
 * the corpus lacks, and the acronym and paraphrase expansions at a lower weight.
 */
export function analyseQuery(
  query: string,
  settings: QueryAnalysisSettings,
  carried?: CarriedSubject,
): AnalysedQuery {
  const text = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
  const terms: QueryTerm[] = [];
  const weights = new Map<string, number>();
  const add = (entry: QueryTerm) => {
    terms.push(entry);
    weights.set(entry.term, Math.max(weights.get(entry.term) ?? 0, entry.weight));
  };

  const seen = new Map<string, string>(); // term -> first token that gave it
  for (const token of tokenize(text)) {
    const term = normaliseTerm(token);
    if (term && !seen.has(term)) seen.set(term, token);
  }
  let own = [...seen.keys()];
  if (own.length > MAX_QUERY_TERMS) {
    const keep = new Set(
      [...own].sort((a, b) => settings.idf(b) - settings.idf(a)).slice(0, MAX_QUERY_TERMS),
    );
    own = own.filter((term) => keep.has(term));
  }
  for (const term of own) add({ term, weight: 1, origin: 'question' });

  if (settings.typos) {
    let corrected = 0;
    for (const term of own) {
      if (corrected >= MAX_CORRECTED_WORDS) break;
      if (settings.idf(term) > 0) continue;
      const token = seen.get(term) as string;
      const corrections = settings.typos.correct(token);
      if (corrections.length === 0) continue;
      corrected++;
      for (const correction of corrections)
        if (!weights.has(correction))
          add({ term: correction, weight: settings.typoWeight, origin: 'typo', for: term });
    }
  }

  const expand = (extra: string, origin: TermOrigin, phrasing?: string) => {
    for (const term of new Set(contentTerms(extra)))
      if (!weights.has(term))
        add({ term, weight: settings.expansionWeight, origin, ...(phrasing ? { for: phrasing } : {}) });
  };
  for (const term of carried?.terms ?? [])
    if (!weights.has(term)) add({ term, weight: carried?.weight ?? 0, origin: carried?.origin ?? 'context' });
  expand(settings.expansion.expand(text), 'acronym');
  if (settings.useSynonyms)
    for (const { phrasing, term } of matchSynonymGroups(text)) expand(term, 'synonym', phrasing);
  return { weights, terms, own };
}

/**
 * The search terms of a part of an analysed question (a definition's subject, a side of a
 * comparison), each misspelt word replaced by the correction the question already found:
 * cheaper than analysing the part again.
 */
export function partTerms(analysed: AnalysedQuery, part: string): string[] {
  const terms: string[] = [];
  for (const term of new Set(contentTerms(part))) {
    const corrected = analysed.terms.find((entry) => entry.origin === 'typo' && entry.for === term)?.term;
    terms.push(corrected ?? term);
  }
  return terms;
}
