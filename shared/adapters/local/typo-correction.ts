import { normaliseTerm } from '../../text/text-analysis.js';

/** Corrects a misspelt word to the corpus words it is one or two edits away from. */
export interface TypoCorrection {
  /**
   * Search terms (stems) of the corpus words closest to `token` (lower case): words one edit
   * away (insert, delete, substitute or swap two neighbours), or two for long words when none is
   * one away. Empty when the token is a corpus word, too short, or nothing is close.
   */
  correct(token: string): string[];
  /** The closest corpus word to a misspelt `token` (lower case), or null. */
  closestWord(token: string): string | null;
  /** Number of corpus words it knows. */
  readonly size: number;
}

/** Shorter tokens are not corrected: too many words are one edit away from them. */
export const MIN_TYPO_CHARS = 4;
/** From this length a word may be two edits away. */
export const TWO_EDIT_CHARS = 9;
/** At most this many corrections of one token. */
const MAX_CORRECTIONS = 2;

/** Optimal string alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  let previousPrevious = new Uint8Array(width);
  let previous = new Uint8Array(width);
  let current = new Uint8Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        value = Math.min(value, (previousPrevious[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return previous[b.length] as number;
}

function deletions(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}

/**
 * Builds the correction table from the corpus's words and how often each occurs. Each word and
 * each of its one-letter deletions points back at the word (the symmetric-delete method), so a
 * lookup costs a few map reads per letter of the token instead of a scan of the vocabulary.
 */
export function createTypoCorrection(wordCounts: ReadonlyMap<string, number>): TypoCorrection {
  const words: string[] = [];
  const counts: number[] = [];
  const byDeletion = new Map<string, number[]>();
  const add = (key: string, id: number) => {
    const list = byDeletion.get(key);
    if (!list) byDeletion.set(key, [id]);
    else if (list.at(-1) !== id) list.push(id);
  };
  for (const [word, count] of wordCounts) {
    if (word.length < MIN_TYPO_CHARS || !/^[a-z]+$/.test(word) || normaliseTerm(word) === null) continue;
    const id = words.length;
    words.push(word);
    counts.push(count);
    add(word, id);
    for (const key of deletions(word)) add(key, id);
  }

  const candidatesFor = (keys: Iterable<string>, token: string, limit: number) => {
    const found = new Map<number, number>();
    for (const key of keys) {
      for (const id of byDeletion.get(key) ?? []) {
        if (found.has(id)) continue;
        const distance = editDistance(token, words[id] as string, limit);
        if (distance <= limit) found.set(id, distance);
      }
    }
    return found;
  };

  /** Corpus word ids closest to the token, best first. */
  const closest = (token: string): number[] => {
    if (token.length < MIN_TYPO_CHARS || wordCounts.has(token) || !/^[a-z]+$/.test(token)) return [];
    const oneDeletion = deletions(token);
    let found = candidatesFor([token, ...oneDeletion], token, 1);
    if (found.size === 0 && token.length >= TWO_EDIT_CHARS) {
      const twoDeletions = new Set(oneDeletion.flatMap(deletions));
      found = candidatesFor([...oneDeletion, ...twoDeletions], token, 2);
    }
    // A short token one edit from several words ("bake": make, take, base) is not a typo we can fix.
    if (token.length === MIN_TYPO_CHARS && found.size > 1) return [];
    return [...found]
      .sort(
        ([a, distanceA], [b, distanceB]) =>
          distanceA - distanceB || (counts[b] as number) - (counts[a] as number),
      )
      .map(([id]) => id);
  };

  return {
    size: words.length,
    correct(token) {
      const stems = new Set<string>();
      for (const id of closest(token)) {
        const term = normaliseTerm(words[id] as string);
        if (term) stems.add(term);
        if (stems.size >= MAX_CORRECTIONS) break;
      }
      return [...stems];
    },
    closestWord(token) {
      const [id] = closest(token);
      return id === undefined ? null : (words[id] as string);
    },
  };
}
