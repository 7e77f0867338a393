/**
 * Cheap token estimate for English text (~1.3 tokens per word, like BPE tokenizers on prose).
 * Used for chunk sizes and for cost figures when an engine does not report token counts.
 */
export function estimateWordTokens(word: string): number {
  return Math.max(1, Math.ceil(word.length / 6));
}

export function estimateTokens(text: string): number {
  let total = 0;
  for (const word of text.split(/\s+/)) {
    if (word) total += estimateWordTokens(word);
  }
  return total;
}
