/**
 * Cheap token estimate for English text (~1.3 tokens per word, like BPE tokenizers on prose).
 * Used for chunk sizes and for cost figures when an engine does not report token counts.
 */
export function estimateWordTokens(word: string): number {
  return Math.max(1, Math.ceil(word.length / 6));
}

/** `estimateWordTokens` summed over the white-space separated words of a text (no allocation). */
export function estimateTokens(text: string): number {
  let total = 0;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The white space `\s` matches in practice: ASCII spaces, tabs, line ends, NBSP and U+2000-U+200A etc.
    if (isSpace(code)) {
      if (length > 0) total += Math.max(1, Math.ceil(length / 6));
      length = 0;
    } else length++;
  }
  if (length > 0) total += Math.max(1, Math.ceil(length / 6));
  return total;
}

function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
