/**
 * Sentence splitting with the Unicode sentence-boundary rules (`Intl.Segmenter`, ICU), plus a
 * guard for English abbreviations that ICU ends a sentence after ("e.g. Titan", "Dr. Smith").
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations that never end a sentence, whatever follows. */
const ALWAYS_CONTINUES =
  /(?:^|[\s(])(?:e\.g|i\.e|cf|vs|approx|incl|resp|ca|viz|Mr|Mrs|Ms|Dr|Prof|St|No|Fig|Eq|Sec|Ch|Vol)\.$/i;
/** Abbreviations that end a sentence only before a capital ("etc. The ..." ends one). */
const CONTINUES_BEFORE_LOWER = /(?:^|[\s(])(?:etc|al)\.$/i;
/** A numbered title ("Responsible AI : AWS Services and Tools – 3. Amazon SageMaker Clarify"). */
const ITEM_NUMBER = /[-–—:]\s*\d{1,2}\.$/;

/** Splits one line of prose into sentences; text without a sentence end comes back whole. */
export function splitSentences(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  // Most lines hold one sentence: skip the segmenter when no sentence end is followed by more text.
  if (!/[.!?。]["')\]]*\s+\S/.test(trimmed)) return [trimmed];
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(trimmed)) {
    const sentence = segment.trim();
    if (!sentence) continue;
    const previous = sentences.at(-1);
    const joins =
      previous !== undefined &&
      (ALWAYS_CONTINUES.test(previous) ||
        ITEM_NUMBER.test(previous) ||
        (CONTINUES_BEFORE_LOWER.test(previous) && /^[a-z]/.test(sentence)));
    if (joins) sentences[sentences.length - 1] = `${previous} ${sentence}`;
    else sentences.push(sentence);
  }
  return sentences;
}
