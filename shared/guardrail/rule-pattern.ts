// Building blocks of the rule families. Rules run on the normalised detection view (see
// shared/text/detection-view.ts) and must stay linear in the text: words and separators are
// disjoint classes, so a window of "up to n words" can be parsed only one way, and no window
// crosses a sentence end.

/** Characters between two words of one sentence (a hyphen separates words too). */
export const SEP = String.raw`[^\w'.!?\n]+`;
/** One word. */
export const WORD = String.raw`[\w']+`;

/** Up to `n` words between two parts of a phrase, within one sentence. */
export function gap(n: number): string {
  return `(?:${SEP}${WORD}){0,${n}}?${SEP}`;
}

/** Up to `n` characters of the same sentence, as few as possible. */
export function within(n: number): string {
  return `[^.!?\\n]{0,${n}}?`;
}

/** A case-insensitive global rule from its source. */
export function rulePattern(source: string): RegExp {
  return new RegExp(source, 'gi');
}
