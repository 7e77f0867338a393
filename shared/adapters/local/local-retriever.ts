import type { Chunk } from '../../corpus/chunk-document.js';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import type { Passage, RetrieveQuery, SearchFilters } from '../../domain.js';
import type { Retriever } from '../../ports.js';
import { normaliseTerm, tokenize } from '../../text/text-analysis.js';
import {
  type AnalysedQuery,
  analyseQuery,
  type CarriedSubject,
  MAX_CORRECTED_WORDS,
  MAX_QUERY_CHARS,
  partTerms,
} from './analyse-query.js';
import { createBm25Index } from './bm25-index.js';
import {
  type AnalysedUnit,
  analyseUnit,
  attachContexts,
  attachItems,
  attachLabels,
  attachServices,
} from './chunk-analysis.js';
import { definitionKey, definitionSubject } from './definitions.js';
import { documentUnits } from './document-units.js';
import { createQueryExpansion, mineAcronyms, type QueryExpansion } from './query-expansion.js';
import { createTypoCorrection } from './typo-correction.js';

/** Search tuning; the defaults were chosen with `npm run eval:retrievers` (docs/offline-engine.md). */
export interface RetrievalTuning {
  /** Correct words the corpus lacks to corpus words one or two edits away (typos). */
  typos: boolean;
  /** Weight of a typo correction relative to the question's own words. */
  typoWeight: number;
  /** Use acronym expansion mined from the corpus. */
  expandAcronyms: boolean;
  /** Use the hand-written paraphrase table (`synonyms.ts`). */
  expandSynonyms: boolean;
  /** Weight of acronym and paraphrase expansions relative to the question's own words. */
  expansionWeight: number;
  /** BM25 parameters: term saturation `k1`, length normalisation `b`. */
  bm25: { k1: number; b: number };
  /** "What is X?": bonus (share of the top score) for chunks that contain a definition of X. */
  definitionBonus: number;
  /**
   * Words of a returned passage: a window of the document starting just before the chunk's
   * best-matching unit. 0 returns whole chunks (and parents, with hierarchical chunking).
   */
  passageWords: number;
  /** Units before the best-matching one that a passage starts with (its lead-in or heading). */
  passageLeadUnits: number;
  /** Where a window starts: at its chunk's best line, or where it holds the most question weight. */
  passageStart: 'best-unit' | 'densest';
  /**
   * Score the words of image descriptions ("The screenshot shows the console ..."). They stay
   * in the passages' text either way; off, a screenshot's interface words do not outrank prose.
   */
  indexImageDescriptions: boolean;
}

export const defaultRetrievalTuning: RetrievalTuning = {
  typos: true,
  typoWeight: 0.8,
  // Off: it lowered evidence on the independent questions (docs/offline-engine.md, ablation).
  expandAcronyms: false,
  expandSynonyms: true,
  expansionWeight: 0.6,
  bm25: { k1: 1.2, b: 0.75 },
  definitionBonus: 0.5,
  passageWords: 110,
  passageLeadUnits: 1,
  passageStart: 'best-unit',
  indexImageDescriptions: false,
};

/** A retrieved passage: the units it is made of, its raw score and that score as 0..1 relevance. */
export interface ScoredPassage {
  chunk: Chunk;
  /** The text returned (the window, or the parent's text with hierarchical chunking). */
  text: string;
  /** Section heading of the passage's first unit. */
  heading: string;
  /** `estimateTokens(text)`, summed from the units' counts made at index time. */
  tokens: number;
  units: AnalysedUnit[];
  score: number;
  relevance: number;
}

/** What a search did, for limits tests and diagnostics. */
export interface SearchStats {
  /** Distinct terms looked up in the index. */
  termsSearched: number;
  /** Postings visited (the dominant cost). */
  postingsVisited: number;
}

export interface LocalRetriever extends Retriever {
  /** Analyses a query (distinct weighted terms, corrections, expansions, a carried subject). */
  analyse(query: string, carried?: CarriedSubject): AnalysedQuery;
  /** Ranked passages, best first, for an analysed query. */
  searchPassages(query: RetrieveQuery, analysed?: AnalysedQuery): ScoredPassage[];
  /** Inverse document frequency of a normalised term (0 when unknown). */
  idf(term: string): number;
  /** The text with each misspelt word followed by the corpus word it is closest to (for relevance checks). */
  withCorrections(text: string): string;
  readonly chunkCount: number;
  readonly expansion: QueryExpansion;
  /** Figures of the last search. */
  readonly lastSearch: SearchStats;
}

export interface LocalRetrieverOptions {
  chunks: Chunk[];
  tuning?: Partial<RetrievalTuning>;
  /** Results when a query gives no `k`. */
  defaultK?: number;
}

function matchesFilters(chunk: Chunk, filters: SearchFilters | undefined): boolean {
  if (!filters) return true;
  if (filters.source && chunk.source !== filters.source) return false;
  if (filters.topic && !chunk.topics.includes(filters.topic)) return false;
  if (filters.sourceKind && chunk.sourceKind !== filters.sourceKind) return false;
  return true;
}

/**
 * Maps a BM25 score to 0..1 so scores read like Bedrock's relevance scores: the score per unit
 * of query weight, saturated. The best passage of a typical question lands near 0.6, passages
 * that share one common word with an off-topic question near 0.1.
 */
export function toRelevance(score: number, queryWeight: number): number {
  const perTerm = score / Math.max(1, queryWeight);
  return Number((1 - Math.exp(-perTerm / 4)).toFixed(4));
}

/**
 * BM25 retriever over chunks (a hand-written inverted index: each distinct query term is
 * scored once) with stemming, stop words, typo correction and acronym expansion mined from the
 * corpus. It returns answer-sized passages: a window of the document around each chunk's best
 * lines, never repeating text an earlier passage already returned.
 */
export function createLocalRetriever(options: LocalRetrieverOptions): LocalRetriever {
  const tuning = { ...defaultRetrievalTuning, ...options.tuning };
  const { chunks } = options;
  const defaultK = options.defaultK ?? 5;
  const { documents, spans } = documentUnits(chunks);
  const analysedDocuments = documents.map((document) => document.units.map(analyseUnit));
  for (const units of analysedDocuments) {
    attachItems(units);
    attachLabels(units);
    attachContexts(units);
    attachServices(units);
  }
  const chunkUnits = spans.map(({ document, first, last }) =>
    (analysedDocuments[document] as AnalysedUnit[]).slice(first, last + 1),
  );
  // What each chunk defines ("X is ..."), as keys, for the definition rerank.
  const chunkDefinitions = chunkUnits.map(
    (units) => new Set(units.flatMap((unit) => (unit.defines ? [definitionKey(unit.defines)] : []))),
  );
  const index = createBm25Index(
    chunkUnits.map((units) =>
      units.flatMap((unit) =>
        unit.kind === 'image-description' && !tuning.indexImageDescriptions ? [] : unit.terms,
      ),
    ),
    tuning.bm25,
  );
  const wordCounts = new Map<string, number>();
  if (tuning.typos)
    for (const units of analysedDocuments)
      for (const unit of units)
        for (const token of tokenize(unit.text)) wordCounts.set(token, (wordCounts.get(token) ?? 0) + 1);
  const typos = tuning.typos ? createTypoCorrection(wordCounts) : null;
  // Mined either way: the guardrail's relevance check reads it even when search does not use it.
  const expansion = createQueryExpansion(mineAcronyms(chunks));
  const searchExpansion = tuning.expandAcronyms ? expansion : createQueryExpansion(new Map());
  const idf = (term: string) => index.idf(term);
  let lastSearch: SearchStats = { termsSearched: 0, postingsVisited: 0 };

  const analyse = (query: string, carried?: CarriedSubject) =>
    analyseQuery(
      query,
      {
        expansion: searchExpansion,
        typos,
        useSynonyms: tuning.expandSynonyms,
        expansionWeight: tuning.expansionWeight,
        typoWeight: tuning.typoWeight,
        idf,
      },
      carried,
    );

  /** Query weight a unit holds (each term's weight times its IDF). */
  const unitMatch = (unit: AnalysedUnit, weights: ReadonlyMap<string, number>) => {
    let score = 0;
    for (const term of unit.termSet) {
      const weight = weights.get(term);
      if (weight) score += weight * idf(term);
    }
    return score;
  };

  /**
   * The answer-sized window of a chunk's document: from just before the chunk's best unit
   * forward to `passageWords`, skipping units that an earlier passage already returned.
   */
  const windowOf = (chunkIndex: number, weights: ReadonlyMap<string, number>, used: Set<AnalysedUnit>) => {
    const span = spans[chunkIndex] as (typeof spans)[number];
    const units = analysedDocuments[span.document] as AnalysedUnit[];
    let best = -1;
    let bestScore = 0;
    for (let i = span.first; i <= span.last; i++) {
      const unit = units[i] as AnalysedUnit;
      if (used.has(unit)) continue;
      const score = unitMatch(unit, weights);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) return null;
    let start = best;
    if (tuning.passageStart === 'densest') {
      // The window that holds the most distinct question weight, not just the best line.
      let bestCoverage = -1;
      for (let from = span.first; from <= span.last; from++) {
        if (used.has(units[from] as AnalysedUnit)) continue;
        const seen = new Set<string>();
        let coverage = 0;
        let words = 0;
        for (let i = from; i < units.length && words < tuning.passageWords; i++) {
          const unit = units[i] as AnalysedUnit;
          if (used.has(unit)) break;
          words += unit.words;
          for (const term of unit.termSet) {
            const weight = weights.get(term);
            if (weight && !seen.has(term)) {
              seen.add(term);
              coverage += weight * idf(term);
            }
          }
        }
        if (coverage > bestCoverage + 1e-9) {
          bestCoverage = coverage;
          start = from;
        }
      }
      best = start;
    }
    const leadUnits = (units[best] as AnalysedUnit).kind === 'heading' ? 0 : tuning.passageLeadUnits;
    for (let lead = 0; lead < leadUnits && start > 0 && !used.has(units[start - 1] as AnalysedUnit); lead++)
      start--;
    const window: AnalysedUnit[] = [];
    let words = 0;
    for (let i = start; i < units.length && words < tuning.passageWords; i++) {
      const unit = units[i] as AnalysedUnit;
      if (used.has(unit)) break;
      window.push(unit);
      words += unit.words;
    }
    return window;
  };

  const searchPassages = (query: RetrieveQuery, analysed = analyse(query.query)): ScoredPassage[] => {
    const k = query.k ?? defaultK;
    const accept = query.filters
      ? (id: number) => matchesFilters(chunks[id] as Chunk, query.filters)
      : undefined;
    let postingsVisited = 0;
    for (const term of analysed.weights.keys()) postingsVisited += index.documentFrequency(term);
    lastSearch = { termsSearched: analysed.weights.size, postingsVisited };
    let hits = index.search(analysed.weights, Math.max(40, k * 4), accept);
    const subject = definitionSubject(query.query);
    if (subject && tuning.definitionBonus > 0 && hits.length > 0) {
      const bonus = (hits[0]?.score ?? 0) * tuning.definitionBonus;
      const subjectTerms = partTerms(analysed, subject);
      const key = definitionKey(subjectTerms);
      hits = hits
        .map((hit) => (chunkDefinitions[hit.id]?.has(key) ? { ...hit, score: hit.score + bonus } : hit))
        .sort((a, b) => b.score - a.score);
    }
    // Every word of the question counts, those the corpus lacks (even when a correction matched)
    // twice: an off-topic question that shares a word or two with the notes must not read as a
    // strong match.
    let queryWeight = analysed.terms.filter((term) => term.origin === 'context').length;
    for (const term of analysed.own) queryWeight += idf(term) > 0 ? 1 : 2;
    const results: ScoredPassage[] = [];
    const used = new Set<AnalysedUnit>();
    const parents = new Set<string>();
    for (const hit of hits) {
      if (results.length >= k) break;
      const chunk = chunks[hit.id] as Chunk;
      if (chunk.parentId) {
        if (parents.has(chunk.parentId)) continue; // one child per parent: the parent is returned
        parents.add(chunk.parentId);
      }
      const units =
        tuning.passageWords > 0
          ? windowOf(hit.id, analysed.weights, used)
          : (chunkUnits[hit.id] as AnalysedUnit[]);
      if (!units || units.length === 0) continue;
      for (const unit of units) used.add(unit);
      const windowText = units.map((unit) => unit.text).join('\n');
      results.push({
        chunk,
        text: chunk.parentText ?? (tuning.passageWords > 0 ? windowText : chunk.text),
        tokens: chunk.parentText
          ? estimateTokens(chunk.parentText)
          : units.reduce((sum, unit) => sum + unit.tokens, 0),
        heading: units[0]?.heading ?? chunk.heading,
        units,
        score: hit.score,
        relevance: toRelevance(hit.score, queryWeight),
      });
    }
    return results;
  };

  return {
    chunkCount: chunks.length,
    expansion,
    idf,
    analyse,
    searchPassages,
    withCorrections(text) {
      if (!typos) return text;
      const extra: string[] = [];
      for (const token of new Set(tokenize(text.slice(0, MAX_QUERY_CHARS)))) {
        const term = normaliseTerm(token);
        if (!term || idf(term) > 0 || extra.length >= MAX_CORRECTED_WORDS) continue;
        const word = typos.closestWord(token);
        if (word) extra.push(word);
      }
      return extra.length > 0 ? `${text} ${extra.join(' ')}` : text;
    },
    get lastSearch() {
      return lastSearch;
    },
    async retrieve(query: RetrieveQuery): Promise<Passage[]> {
      return searchPassages(query).map(({ chunk, text, relevance }) => ({
        source: chunk.source,
        title: chunk.title,
        text,
        score: relevance,
      }));
    },
  };
}
