import { stemmer } from 'stemmer';

/** English function words plus question words that carry no topic ("what", "how", "explain"). */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off
  on once only or other our ours ourselves out over own same she should so some such than that the their theirs
  them themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves also us may might must shall get
  got tell explain describe mean means meant use used using way ways thing things please i'm it's does whats
  difference different versus vs`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that are stopwords in prose but topics in this domain when upper-case (e.g. "Q", "IT"). */
const stemCache = new Map<string, string>();

/** Lower-cases and splits text into word tokens (keeps digits, splits hyphenated words). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Returns the search term for a token, or null for stop words. */
export function normaliseTerm(token: string): string | null {
  const lower = token.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  let stem = stemCache.get(lower);
  if (stem === undefined) {
    stem = lower.length <= 3 ? lower : stemmer(lower);
    stemCache.set(lower, stem);
  }
  return stem;
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

const termSetCache = new Map<string, ReadonlySet<string>>();
const TERM_SET_CACHE_LIMIT = 20_000;

/**
 * Distinct content terms of a text, memoised: passages and their sentences are analysed again
 * and again (answer selection, coverage, grounding), so each distinct text is analysed once.
 */
export function termSetOf(text: string): ReadonlySet<string> {
  let terms = termSetCache.get(text);
  if (terms === undefined) {
    terms = new Set(contentTerms(text));
    if (termSetCache.size >= TERM_SET_CACHE_LIMIT) termSetCache.clear(); // bounded; refills with hot texts
    termSetCache.set(text, terms);
  }
  return terms;
}
