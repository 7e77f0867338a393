import { stemmer } from 'stemmer';
import { type BoundedCache, createBoundedCache, stringBytes } from './bounded-cache.js';

/**
 * English function words, question words that carry no topic ("what", "how", "explain") and
 * the pieces contractions leave behind ("doesn't" -> "doesn", "t").
 */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off
  on once only or other our ours ourselves out over own same she should so some such than that the their theirs
  them themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves also us may might must shall get
  got tell explain describe mean means meant use used using way ways thing things please i'm it's does whats
  difference different versus vs s t d ll re ve m don doesn didn isn aren wasn weren won wouldn couldn shouldn
  hasn haven hadn`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Tokens longer than this are not words (hashes, base64, runs of one letter) and are skipped:
 * the longest English words in technical prose are about 30 letters.
 */
export const MAX_TOKEN_CHARS = 40;
/** Byte budget of the stem memo (user text reaches it, so it must not grow without limit). */
export const STEM_CACHE_BYTES = 2 * 1024 * 1024;
/** Byte budget of the term-set memo (keyed by whole texts, some of them questions). */
export const TERM_SET_CACHE_BYTES = 4 * 1024 * 1024;

const stemCache: BoundedCache<string> = createBoundedCache({
  maxBytes: STEM_CACHE_BYTES,
  sizeOf: stringBytes,
});

/** Lower-cases and splits text into word tokens (keeps digits, splits hyphenated words). */
export function tokenize(text: string): string[] {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!tokens) return [];
  return tokens.some((token) => token.length > MAX_TOKEN_CHARS)
    ? tokens.filter((token) => token.length <= MAX_TOKEN_CHARS)
    : tokens;
}

/** True for words that carry no topic ("the", "what", "explain"). */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token.toLowerCase());
}

/**
 * British and American spellings of one word ("memorising" / "memorizing", "analyse" /
 * "analyze", "behaviour" / "behavior"): questions and notes mix them, so both become the
 * American form before stemming. Applied to every text alike, so it never splits a match.
 */
export function usSpelling(lower: string): string {
  if (lower.length < 6 || !/[iy]s|our/.test(lower)) return lower;
  return lower
    .replace(/(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/(?<=[a-z]{3})ys(e|es|ed|ing|er|ers)$/, 'yz$1')
    .replace(/(?<=[a-z]{2}[ilv])our(s|ed|ing|ite|ites|able)?$/, 'or$1');
}

/** The stem of a lower-case token, memoised within the stem cache's byte budget. */
export function stem(lower: string): string {
  let stemmed = stemCache.get(lower);
  if (stemmed === undefined) {
    stemmed = lower.length <= 3 ? lower : stemmer(usSpelling(lower));
    stemCache.set(lower, stemmed);
  }
  return stemmed;
}

/** Returns the search term for a token, or null for stop words and overlong tokens. */
export function normaliseTerm(token: string): string | null {
  const lower = token.toLowerCase();
  if (STOP_WORDS.has(lower) || lower.length > MAX_TOKEN_CHARS) return null;
  return stem(lower);
}

/** Content terms of a text: tokenized, stop words removed, stemmed. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normaliseTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

const setBytes = (terms: ReadonlySet<string>) => {
  let bytes = 64;
  for (const term of terms) bytes += 16 + stringBytes(term);
  return bytes;
};
const termSetCache: BoundedCache<ReadonlySet<string>> = createBoundedCache({
  maxBytes: TERM_SET_CACHE_BYTES,
  sizeOf: setBytes,
});

/**
 * Distinct content terms of a text, memoised: passages and their sentences are analysed again
 * and again (answer selection, coverage, grounding), so each distinct text is analysed once.
 */
export function termSetOf(text: string): ReadonlySet<string> {
  let terms = termSetCache.get(text);
  if (terms === undefined) {
    terms = new Set(contentTerms(text));
    termSetCache.set(text, terms);
  }
  return terms;
}

/** What the text memos hold now, in estimated bytes (for limits tests and benchmarks). */
export function textCacheBytes(): { stems: number; termSets: number } {
  return { stems: stemCache.bytes, termSets: termSetCache.bytes };
}
