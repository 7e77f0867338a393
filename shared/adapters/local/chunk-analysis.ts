import type { Chunk } from '../../corpus/chunk-document.js';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import { splitSentences } from '../../corpus/normalise-text.js';
import { contentTerms } from '../../text/text-analysis.js';
import { definedTerms } from './definitions.js';

/** A sentence of a chunk that can stand alone in an answer. */
export interface AnswerSentence {
  text: string;
  words: number;
  terms: ReadonlySet<string>;
  /** What the sentence defines ("X is ..."), or null. */
  defines: string[] | null;
}

/**
 * What answering needs from a chunk, worked out once when the index is built rather than for
 * every question (sentence splitting and term analysis were most of an answer's cost).
 */
export interface ChunkAnalysis {
  /** Content terms of the chunk's headings and text (the coverage check). */
  terms: ReadonlySet<string>;
  /** Content terms of the text alone (document frequencies). */
  textTerms: ReadonlySet<string>;
  sentences: AnswerSentence[];
  /** What each definition line of the text defines (the "What is X?" rerank). */
  definitions: string[][];
  /** Estimated tokens of the passage a model would be sent (the parent's text when hierarchical). */
  contextTokens: number;
}

const MIN_ANSWER_WORDS = 4;
const MAX_ANSWER_WORDS = 60;

function isAnswerSentence(sentence: string, words: number): boolean {
  if (words < MIN_ANSWER_WORDS || words > MAX_ANSWER_WORDS) return false; // headings and run-on dumps make poor answers
  if (/[?:]$/.test(sentence)) return false; // questions and lead-ins
  return (sentence.match(/\|/g) ?? []).length < 2; // table rows read badly alone
}

export function analyseChunk(chunk: Chunk): ChunkAnalysis {
  const headings = new Set(chunk.headings);
  const textTerms = new Set<string>();
  const sentences: AnswerSentence[] = [];
  const definitions: string[][] = [];
  for (const line of chunk.text.split('\n')) {
    const lineTerms = contentTerms(line);
    for (const term of lineTerms) textTerms.add(term);
    const lineDefines = definedTerms(line);
    if (lineDefines) definitions.push(lineDefines);
    if (headings.has(line) || line === line.toUpperCase()) continue; // titles are not answers
    for (const text of splitSentences(line)) {
      const words = text.split(/\s+/).length;
      if (!isAnswerSentence(text, words)) continue;
      // Most lines are one sentence: reuse the line's analysis rather than tokenizing it again.
      const wholeLine = text === line;
      sentences.push({
        text,
        words,
        terms: new Set(wholeLine ? lineTerms : contentTerms(text)),
        defines: wholeLine ? lineDefines : definedTerms(text),
      });
    }
  }
  const terms = new Set(textTerms);
  for (const heading of chunk.headings) for (const term of contentTerms(heading)) terms.add(term);
  return {
    terms,
    textTerms,
    sentences,
    definitions,
    contextTokens: estimateTokens(chunk.parentText ?? chunk.text),
  };
}
