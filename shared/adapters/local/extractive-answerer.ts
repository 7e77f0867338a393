import { randomUUID } from 'node:crypto';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import type { AnswerResult, AskQuery, Citation, Passage } from '../../domain.js';
import type { Answerer, ConversationTurn, SessionStore } from '../../ports.js';
import { contentTerms, termSetOf } from '../../text/text-analysis.js';
import { definitionSubject, headDefines } from './definitions.js';
import type { LocalRetriever, ScoredChunk } from './local-retriever.js';
import { expandSynonyms, matchSynonymGroups } from './synonyms.js';

export interface ExtractiveAnswererOptions {
  retriever: LocalRetriever;
  sessions: SessionStore;
  /** Said when the notes do not cover a question (the assistant profile's `noAnswerMessage`). */
  noAnswerMessage: string;
  /** Sentences in an answer at most. */
  maxSentences?: number;
  /** Words in an answer at most (sentences are never cut). */
  maxWords?: number;
  /**
   * Share (0..1, IDF-weighted) of the question's terms that the best passages must contain;
   * below it the answer says the notes do not cover the question.
   */
  minCoverage?: number;
  /** Passages considered when `k` is not given. */
  defaultK?: number;
}

interface Candidate {
  sentence: string;
  words: number;
  passageIndex: number;
  score: number;
  terms: ReadonlySet<string>;
}

const FOLLOW_UP_START = /^(?:and|also|but|so|what about|how about|then)\b/i;
const PRONOUN = /\b(?:it|its|they|them|their|this|that|these|those|he|she)\b/i;

/** A follow-up leans on the previous turn: short, starts with "and ...", or refers back with a pronoun. */
export function isFollowUp(question: string): boolean {
  const terms = contentTerms(question);
  return (
    FOLLOW_UP_START.test(question.trim()) ||
    (PRONOUN.test(question) && terms.length <= 3) ||
    terms.length <= 1
  );
}

/** The text actually searched: a follow-up carries the previous turn's subject. */
export function buildRetrievalQuery(question: string, history: ConversationTurn[] | undefined): string {
  const previous = history?.at(-1);
  if (!previous || !isFollowUp(question)) return question;
  return `${question} ${previous.retrievalQuery}`;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/** Notes often hold fragments ("allows the model to ..."): present them as sentences. */
function asSentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * Extractive answerer: picks the sentences of the top passages that best cover the question,
 * marks each with `[n]` and returns the passages as numbered citations. It never writes text
 * that is not in the notes; when the notes do not cover the question it says so.
 */
export function createExtractiveAnswerer(options: ExtractiveAnswererOptions): Answerer {
  const { retriever, sessions } = options;
  const maxSentences = options.maxSentences ?? 3;
  const maxWords = options.maxWords ?? 90;
  const minCoverage = options.minCoverage ?? 0.4;
  const defaultK = options.defaultK ?? 5;
  const unknownTermWeight = retriever.idf('') || Math.log(1 + retriever.chunkCount);
  const weight = (term: string) => retriever.idf(term) || unknownTermWeight;

  /**
   * The question as weighted concepts: each content word is one, and a paraphrase from the
   * synonym table is one concept satisfied by either its own words or the notes' term.
   */
  const concepts = (question: string): { any: Set<string>; weight: number }[] => {
    const remaining = new Set(termSetOf(question));
    const result: { any: Set<string>; weight: number }[] = [];
    for (const { phrasing, term } of matchSynonymGroups(question)) {
      const phrasingTerms = contentTerms(phrasing);
      const alternatives = new Set([...phrasingTerms, ...contentTerms(term)]);
      const phrasingWeight = phrasingTerms.reduce((sum, t) => sum + (remaining.has(t) ? weight(t) : 0), 0);
      for (const t of phrasingTerms) remaining.delete(t);
      if (phrasingWeight > 0) result.push({ any: alternatives, weight: phrasingWeight });
    }
    for (const term of remaining) result.push({ any: new Set([term]), weight: weight(term) });
    return result;
  };

  /** IDF-weighted share of the question's concepts found in one of the best passages. */
  const coverage = (question: string, ranked: ScoredChunk[]): number => {
    const wanted = concepts(question);
    const total = wanted.reduce((sum, concept) => sum + concept.weight, 0);
    if (total === 0) return 0;
    let best = 0;
    for (const { analysis } of ranked.slice(0, 3)) {
      const chunkTerms = analysis.terms;
      const covered = wanted
        .filter((concept) => [...concept.any].some((term) => chunkTerms.has(term)))
        .reduce((sum, concept) => sum + concept.weight, 0);
      best = Math.max(best, covered / total);
    }
    return best;
  };

  const selectSentences = (
    queryTerms: ReadonlySet<string>,
    ranked: ScoredChunk[],
    subject: string | null,
  ): Candidate[] => {
    const subjectTerms = subject ? contentTerms(subject) : [];
    const candidates: Candidate[] = [];
    ranked.forEach(({ analysis }, passageIndex) => {
      for (const { text, words, terms, defines } of analysis.sentences) {
        let matched = 0;
        for (const term of terms) if (queryTerms.has(term)) matched += weight(term);
        if (matched === 0) continue;
        const definition = defines && headDefines(defines, subjectTerms) ? 3 : 0;
        const score = matched / Math.sqrt(Math.max(8, terms.size)) + 1.5 / (passageIndex + 1) + definition;
        candidates.push({ sentence: text, words, passageIndex, score, terms });
      }
    });
    candidates.sort((a, b) => b.score - a.score);
    const chosen: Candidate[] = [];
    let wordCount = 0;
    const floor = (candidates[0]?.score ?? 0) * 0.5; // weak extra sentences dilute a good answer
    for (const candidate of candidates) {
      if (chosen.length >= maxSentences || candidate.score < floor) break;
      if (chosen.some((other) => overlap(other.terms, candidate.terms) > 0.6)) continue;
      if (chosen.length > 0 && wordCount + candidate.words > maxWords) continue;
      chosen.push(candidate);
      wordCount += candidate.words;
    }
    return chosen;
  };

  const excerptFor = (passageText: string, sentences: string[]): string => {
    const lines = passageText.split('\n');
    const first = lines.findIndex((line) => sentences.some((sentence) => line.includes(sentence)));
    const start = Math.max(0, first - 1);
    let excerpt = '';
    for (const line of lines.slice(start)) {
      if (excerpt.length > 320 && sentences.every((sentence) => excerpt.includes(sentence))) break;
      excerpt = excerpt ? `${excerpt}\n${line}` : line;
    }
    return excerpt;
  };

  return {
    modelId: 'local-extractive-v1',
    appliesGuardrail: false,
    async answer(query: AskQuery): Promise<AnswerResult> {
      const sessionId = query.sessionId ?? randomUUID();
      const history = await sessions.get(sessionId);
      const retrievalQuery = buildRetrievalQuery(query.question, history);
      const k = query.k ?? defaultK;
      const ranked = retriever.searchChunks({
        query: retrievalQuery,
        k,
        ...(query.filters ? { filters: query.filters } : {}),
      });
      const queryTerms = termSetOf(
        `${retrievalQuery} ${expandSynonyms(retrievalQuery)} ${retriever.expansion.expand(retrievalQuery)}`,
      );
      const covered = coverage(retrievalQuery, ranked);
      const chosen =
        ranked.length > 0 && covered >= minCoverage
          ? selectSentences(queryTerms, ranked, definitionSubject(query.question))
          : [];

      const context: Passage[] = ranked.map(({ chunk, relevance }) => ({
        source: chunk.source,
        title: chunk.title,
        text: chunk.parentText ?? chunk.text,
        score: relevance,
      }));
      const citationIds = new Map<number, number>();
      for (const candidate of chosen) {
        if (!citationIds.has(candidate.passageIndex))
          citationIds.set(candidate.passageIndex, citationIds.size + 1);
      }
      const citations: Citation[] = [...citationIds].map(([passageIndex, id]) => {
        const passage = context[passageIndex] as Passage;
        const used = chosen
          .filter((candidate) => candidate.passageIndex === passageIndex)
          .map((c) => c.sentence);
        return {
          id,
          source: passage.source,
          title: passage.title,
          excerpt: excerptFor(passage.text, used),
          score: passage.score,
        };
      });
      const noAnswer = chosen.length === 0;
      const answer = noAnswer
        ? options.noAnswerMessage
        : chosen.map((c) => `${asSentence(c.sentence)} [${citationIds.get(c.passageIndex)}]`).join(' ');

      await sessions.append(sessionId, { question: query.question, retrievalQuery, answer });
      const contextTokens = ranked.reduce((sum, { analysis }) => sum + analysis.contextTokens, 0);
      return {
        answer,
        citations,
        guardrail: { action: 'NONE' },
        sessionId,
        noAnswer,
        context: noAnswer ? [] : context,
        usage: {
          inputTokens: estimateTokens(query.question) + contextTokens,
          outputTokens: estimateTokens(answer),
          estimated: true,
        },
        modelId: this.modelId,
      };
    },
  };
}
