import MiniSearch from 'minisearch';
import type { Chunk } from '../../corpus/chunk-document.js';
import type { Passage, RetrieveQuery, SearchFilters } from '../../domain.js';
import type { Retriever } from '../../ports.js';
import { contentTerms, normaliseTerm, tokenize } from '../../text/text-analysis.js';
import { analyseChunk, type ChunkAnalysis } from './chunk-analysis.js';
import { definitionSubject, headDefines } from './definitions.js';
import { createQueryExpansion, mineAcronyms, type QueryExpansion } from './query-expansion.js';
import { expandSynonyms } from './synonyms.js';

/** Search tuning; the defaults were chosen with `npm run eval` (see README "Evaluation"). */
export interface RetrievalTuning {
  /** Weight of the section headings a chunk spans, relative to its text. */
  headingBoost: number;
  /** Weight of the document title. */
  titleBoost: number;
  /** Edit distance for fuzzy matching of words the corpus lacks (typos), as a fraction of length (0 disables). */
  fuzzy: number;
  /** Weight of the mined acronym expansion relative to the question's own words. */
  expansionWeight: number;
  /** Use acronym expansion mined from the corpus. */
  expandAcronyms: boolean;
  /** Use the hand-written paraphrase table (`synonyms.ts`). */
  expandSynonyms: boolean;
  /** Pseudo-relevance feedback: terms taken from the top passages (0 disables). */
  feedbackTerms: number;
  /** Weight of the feedback query. */
  feedbackWeight: number;
  /** BM25+ parameters: term saturation `k`, length normalisation `b`, lower bound `d`. */
  bm25: { k: number; b: number; d: number };
  /** "What is X?": bonus (share of the top score) for chunks that contain a definition of X. */
  definitionBonus: number;
}

export const defaultRetrievalTuning: RetrievalTuning = {
  headingBoost: 1,
  titleBoost: 0.3,
  fuzzy: 0.15,
  expansionWeight: 0.6,
  expandAcronyms: true,
  expandSynonyms: true,
  feedbackTerms: 0,
  feedbackWeight: 0.3,
  definitionBonus: 0.5,
  // Classic BM25: BM25+'s lower bound (d) favoured long chunks on the golden set.
  bm25: { k: 1.2, b: 0.75, d: 0 },
};

/** A chunk with its raw BM25 score, that score as a 0..1 relevance, and its index-time analysis. */
export interface ScoredChunk {
  chunk: Chunk;
  analysis: ChunkAnalysis;
  score: number;
  relevance: number;
}

export interface LocalRetriever extends Retriever {
  /** Ranked chunks (children for hierarchical chunking), best first. */
  searchChunks(query: RetrieveQuery): ScoredChunk[];
  /** Inverse document frequency of a normalised term (0 when unknown). */
  idf(term: string): number;
  readonly chunkCount: number;
  readonly expansion: QueryExpansion;
}

export interface LocalRetrieverOptions {
  chunks: Chunk[];
  tuning?: Partial<RetrievalTuning>;
  /** Results when a query gives no `k`. */
  defaultK?: number;
}

interface IndexedChunk {
  id: number;
  text: string;
  headings: string;
  title: string;
}

function matchesFilters(chunk: Chunk, filters: SearchFilters | undefined): boolean {
  if (!filters) return true;
  if (filters.source && chunk.source !== filters.source) return false;
  if (filters.topic && !chunk.topics.includes(filters.topic)) return false;
  if (filters.sourceKind && chunk.sourceKind !== filters.sourceKind) return false;
  return true;
}

/**
 * Maps a raw score to 0..1 so scores read like Bedrock's relevance scores. MiniSearch's BM25 sum
 * grows with the number of query terms and is then multiplied by how many of them matched, so
 * the score is divided by the square of the query's term count first (without that, every
 * passage of a long question scored 1.0). The scale puts the best passage of a typical golden
 * question near 0.65, the fifth near 0.45, and most off-topic matches near 0.
 */
export function toRelevance(score: number, queryTermCount: number): number {
  const perTerm = score / Math.max(1, queryTermCount) ** 2;
  return Number((1 - Math.exp(-perTerm / 2)).toFixed(4));
}

/**
 * BM25 retriever over chunks, built on MiniSearch (BM25+, field boosts, fuzzy terms), with
 * stemming, stop words and acronym expansion mined from the corpus.
 */
export function createLocalRetriever(options: LocalRetrieverOptions): LocalRetriever {
  const tuning = { ...defaultRetrievalTuning, ...options.tuning };
  const { chunks } = options;
  const defaultK = options.defaultK ?? 5;
  const index = new MiniSearch<IndexedChunk>({
    fields: ['text', 'headings', 'title'],
    tokenize,
    processTerm: (term) => normaliseTerm(term),
  });
  index.addAll(
    chunks.map((chunk, id) => ({
      id,
      text: chunk.text,
      headings: chunk.headings.join(' \n '),
      title: chunk.title,
    })),
  );

  const analyses = chunks.map(analyseChunk);
  const documentFrequency = new Map<string, number>();
  for (const { textTerms } of analyses) {
    for (const term of textTerms) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const idf = (term: string) => {
    const frequency = documentFrequency.get(term) ?? 0;
    return frequency === 0 ? 0 : Math.log(1 + (chunks.length - frequency + 0.5) / (frequency + 0.5));
  };

  const expansion = createQueryExpansion(tuning.expandAcronyms ? mineAcronyms(chunks) : new Map());
  const searchOptions = {
    boost: { text: 1, headings: tuning.headingBoost, title: tuning.titleBoost },
    // Fuzzy matching only for words the corpus lacks (typos): it is the costliest part of a search.
    fuzzy: (term: string) => (term.length > 5 && !documentFrequency.has(term) ? tuning.fuzzy : 0),
    combineWith: 'OR' as const,
    bm25: tuning.bm25,
  };

  /** Most distinctive terms of the three best chunks so far (RM3-style pseudo-relevance feedback). */
  const feedbackQuery = (scores: Map<number, number>, count: number): string => {
    const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const weights = new Map<string, number>();
    for (const [id] of top) {
      for (const term of contentTerms((chunks[id] as Chunk).text))
        weights.set(term, (weights.get(term) ?? 0) + idf(term));
    }
    return [...weights]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([term]) => term)
      .join(' ');
  };

  const searchChunks = (query: RetrieveQuery): ScoredChunk[] => {
    const k = query.k ?? defaultK;
    const filter = query.filters
      ? (result: { id: number }) => matchesFilters(chunks[result.id] as Chunk, query.filters)
      : undefined;
    const scores = new Map<number, number>();
    const run = (text: string, weight: number, boostTerm?: (term: string) => number) => {
      if (!text.trim()) return;
      const options = {
        ...searchOptions,
        ...(filter ? { filter } : {}),
        ...(boostTerm ? { boostTerm } : {}),
      };
      for (const result of index.search(text, options)) {
        scores.set(result.id, (scores.get(result.id) ?? 0) + result.score * weight);
      }
    };
    // One search for the question and its expansions (BM25 adds up per term); expansion terms
    // that the question does not contain itself count at the expansion weight.
    const expansionText = [
      expansion.expand(query.query),
      tuning.expandSynonyms ? expandSynonyms(query.query) : '',
    ]
      .filter(Boolean)
      .join(' ');
    const ownTerms = new Set(contentTerms(query.query));
    const searchText = `${query.query} ${expansionText}`;
    run(searchText, 1, (term) => (ownTerms.has(term) ? 1 : tuning.expansionWeight));
    if (tuning.feedbackTerms > 0) run(feedbackQuery(scores, tuning.feedbackTerms), tuning.feedbackWeight);
    let ranked: Omit<ScoredChunk, 'relevance'>[] = [...scores]
      .sort((a, b) => b[1] - a[1])
      .map(([id, score]) => ({ chunk: chunks[id] as Chunk, analysis: analyses[id] as ChunkAnalysis, score }));
    const subject = definitionSubject(query.query);
    if (subject && tuning.definitionBonus > 0 && ranked.length > 0) {
      const bonus = (ranked[0]?.score ?? 0) * tuning.definitionBonus;
      const subjectTerms = contentTerms(subject);
      const definesSubject = ({ analysis }: Omit<ScoredChunk, 'relevance'>) =>
        analysis.definitions.some((defined) => headDefines(defined, subjectTerms));
      ranked = ranked
        .slice(0, 40)
        .map((entry) => (definesSubject(entry) ? { ...entry, score: entry.score + bonus } : entry))
        .sort((a, b) => b.score - a.score);
    }
    const queryTermCount = new Set(contentTerms(searchText)).size;
    return dedupeParents(ranked)
      .slice(0, k)
      .map((entry) => ({ ...entry, relevance: toRelevance(entry.score, queryTermCount) }));
  };

  return {
    chunkCount: chunks.length,
    expansion,
    idf,
    searchChunks,
    async retrieve(query: RetrieveQuery): Promise<Passage[]> {
      return searchChunks(query).map(({ chunk, relevance }) => ({
        source: chunk.source,
        title: chunk.title,
        text: chunk.parentText ?? chunk.text,
        score: relevance,
      }));
    },
  };
}

/** With hierarchical chunking several children share a parent: keep the best child only. */
function dedupeParents<T extends Pick<ScoredChunk, 'chunk'>>(ranked: T[]): T[] {
  const seen = new Set<string>();
  return ranked.filter(({ chunk }) => {
    if (!chunk.parentId) return true;
    if (seen.has(chunk.parentId)) return false;
    seen.add(chunk.parentId);
    return true;
  });
}
