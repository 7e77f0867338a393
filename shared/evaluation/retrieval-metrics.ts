import type { Passage } from '../domain.js';
import type { GoldenQuestion } from './golden-set.js';

/** Lower-cases and folds white space so evidence matching ignores layout. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * True when a passage's source is a golden set's source: the same path relative to the corpus
 * folder (`guides/printing.html`). A bare file name on either side also matches the file of
 * that name in any folder, because Bedrock names a cited file by its S3 key's last part unless
 * its metadata sidecar sets `source`.
 */
export function sameSource(passageSource: string, goldenSource: string): boolean {
  if (passageSource === goldenSource) return true;
  const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  if (!passageSource.includes('/')) return passageSource === fileName(goldenSource);
  if (!goldenSource.includes('/')) return fileName(passageSource) === goldenSource;
  return false;
}

/** True when the passage is from an expected source and contains an evidence phrase. */
export function passageSupports(
  question: GoldenQuestion,
  passage: Pick<Passage, 'source' | 'text'>,
): boolean {
  if (!question.sources.some((source) => sameSource(passage.source, source))) return false;
  const text = foldText(passage.text);
  return question.evidence.some((phrase) => text.includes(foldText(phrase)));
}

/** 1-based rank of the first supporting passage, or null. */
export function firstHitRank(question: GoldenQuestion, passages: Passage[]): number | null {
  const index = passages.findIndex((passage) => passageSupports(question, passage));
  return index === -1 ? null : index + 1;
}

/**
 * True when the evidence lies within the first `budget` words of the ranked passages taken
 * together: a chunk-size independent measure (large chunks do not help it).
 */
export function evidenceWithinWords(question: GoldenQuestion, passages: Passage[], budget: number): boolean {
  let remaining = budget;
  for (const passage of passages) {
    if (remaining <= 0) return false;
    const words = passage.text.split(/\s+/).filter(Boolean);
    const visible = { source: passage.source, text: words.slice(0, remaining).join(' ') };
    if (passageSupports(question, visible)) return true;
    remaining -= words.length;
  }
  return false;
}

export interface RetrievalScores {
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  evidenceWithin300Words: number;
  evidenceWithin600Words: number;
}

/** Aggregates per-question retrieval results. */
export function scoreRetrieval(
  results: { question: GoldenQuestion; passages: Passage[] }[],
): RetrievalScores {
  const count = results.length || 1;
  let hitAt1 = 0;
  let hitAt5 = 0;
  let reciprocal = 0;
  let within300 = 0;
  let within600 = 0;
  for (const { question, passages } of results) {
    const rank = firstHitRank(question, passages);
    if (rank === 1) hitAt1++;
    if (rank !== null && rank <= 5) hitAt5++;
    if (rank !== null) reciprocal += 1 / rank;
    if (evidenceWithinWords(question, passages, 300)) within300++;
    if (evidenceWithinWords(question, passages, 600)) within600++;
  }
  const round = (value: number) => Number((value / count).toFixed(3));
  return {
    hitAt1: round(hitAt1),
    hitAt5: round(hitAt5),
    mrr: round(reciprocal),
    evidenceWithin300Words: round(within300),
    evidenceWithin600Words: round(within600),
  };
}
