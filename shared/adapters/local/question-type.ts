import { definitionSubject } from './definitions.js';

/**
 * What kind of answer a question wants, which decides how sentences are chosen:
 * - `definition`: "What is X?", "define X", "X?": the sentence that defines X first;
 * - `comparison`: "X vs Y", "difference between X and Y", "X or Y, which": both sides;
 * - `which-service`: "which service does ...", "where do I ...": a sentence that names the service;
 * - `list`: "list / name the N ...", "what are the key ...": the items of a list;
 * - `how-to`: "how do I ...": instructions rather than background;
 * - `general`: anything else.
 */
export type QuestionKind = 'definition' | 'comparison' | 'which-service' | 'list' | 'how-to' | 'general';

export interface QuestionType {
  kind: QuestionKind;
  /** Definition: what is to be defined. */
  subject?: string;
  /** Comparison: the two things compared. */
  sides?: [string, string];
  /** How-to: the verb of what is to be done ("stop" in "how do I stop overfitting"). */
  action?: string;
}

const SIDE_WORDS = /^(?:the|a|an|what|whats|what's|is|are|between|difference|differences|how|do|does)\s+/i;

/** Trims a comparison side to the thing named: "whats the difference between X" -> "X". */
function cleanSide(side: string, fromEnd: boolean): string {
  let words = side
    .replace(/[?.!,;:]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  words = fromEnd ? words.slice(-4) : words.slice(0, 4);
  let text = words.join(' ');
  while (SIDE_WORDS.test(text)) text = text.replace(SIDE_WORDS, '');
  return text.trim();
}

/**
 * "supervised and unsupervised learning" compares supervised learning with unsupervised
 * learning: a lone first word shares the second side's last word.
 */
function sharedHead(first: string, second: string): [string, string] {
  const words = second.split(/\s+/);
  const head = words.at(-1);
  return !/\s/.test(first) && words.length >= 2 && head ? [`${first} ${head}`, second] : [first, second];
}

function comparisonSides(question: string): [string, string] | undefined {
  const between =
    /\bdifferen(?:ce|ces|t)\s+between\s+(.+?)\s+and\s+(.+?)(?:[?.!,;]|\s+(?:in|for|when|with)\s|$)/i.exec(
      question,
    );
  if (between?.[1] && between[2])
    return sharedHead(cleanSide(between[1], true), cleanSide(between[2], false));
  const versus =
    /^(.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(.+?)(?:[?.!,;]|\s+(?:in|for|when|with)\s|$)/i.exec(
      question,
    );
  if (versus?.[1] && versus[2]) return [cleanSide(versus[1], true), cleanSide(versus[2], false)];
  const either =
    /^(?:should i use\s+)?([\w -]{2,40}?)\s+or\s+([\w -]{2,40}?)\s*[,?]\s*(?:which|what|when|should)\b/i.exec(
      question,
    );
  if (either?.[1] && either[2]) return [cleanSide(either[1], true), cleanSide(either[2], false)];
  return undefined;
}

/**
 * "What business metrics can you use ...", "which factors should ...": a plural noun asked
 * about wants several things, i.e. a list.
 */
const PLURAL_ASKED =
  /^(?:what|which)\s+(?:[a-z-]+\s+)?(?!(?:does|is|was|has|this|its|us|always|less|process|access)\b)[a-z-]{3,}[^s\W]s\s+(?:can|could|should|do|are|would|might|will|help|make|matter)\b/i;

const QUESTION_WORD =
  /^(?:what|whats|what's|how|why|when|where|which|who|is|are|can|could|does|do|should|define|explain)\b/i;
/**
 * A question of its own: a question word and, within two words, a verb to ask with ("how do I
 * fix it", "what data does it use", "is it free"); "which for inference" leans on the first.
 */
const FULL_QUESTION =
  /^(?:(?:what|whats|what's|how|why|when|where|which|who)\s+(?:[\w'-]+\s+){0,2}?(?:is|are|was|were|do|does|did|can|could|should|would|will|to)\b|(?:is|are|can|could|does|do|should)\s)/i;
/** The pronouns a second question uses for the first one's subject ("how do I fix it"). */
const REFERS = /\b(?:it|they|them|this|that|these|those)\b/gi;
const POSSESSIVE = /\b(?:its|their)\b/gi;

/** The two questions of a message that asks two; see `questionParts`. */
export interface QuestionParts {
  first: string;
  second: string;
  /** The second still points at the first with a pronoun (no subject to put in its place). */
  refersToFirst: boolean;
}

/**
 * The two questions of a message that asks two ("What is overfitting and how do I fix it?"),
 * the second's pronoun replaced by the first's subject ("how do I fix overfitting"), or null
 * for a single question. Both parts must open with a question word, so "what are bias and
 * variance" and "the difference between X and Y" are one question each.
 */
export function questionParts(question: string): QuestionParts | null {
  const match = /^(.+?)[,;]?\s+and\s+(.+?)\s*\??\s*$/i.exec(question.trim());
  const first = match?.[1]?.trim();
  const second = match?.[2]?.trim();
  if (!first || !second || !QUESTION_WORD.test(first) || !FULL_QUESTION.test(second)) return null;
  if (comparisonSides(question)) return null;
  const subject = definitionSubject(first);
  const pointsBack = new RegExp(`${REFERS.source}|${POSSESSIVE.source}`, 'i').test(second);
  if (!subject || !pointsBack) return { first, second, refersToFirst: pointsBack };
  const resolved = second.replace(POSSESSIVE, `${subject}'s`).replace(REFERS, subject);
  return { first, second: resolved, refersToFirst: false };
}

/** Classifies a question by its wording (no retrieval needed). */
export function questionType(question: string): QuestionType {
  const text = question.trim();
  const sides = comparisonSides(text);
  if (sides?.[0] && sides[1]) return { kind: 'comparison', sides };
  if (
    /\b(?:which|what)\s+(?:aws\s+|amazon\s+)?(?:service|feature|tool|product|capability|offering)s?\b/i.test(
      text,
    ) ||
    // "Where do I download ...": in notes about a cloud platform, the place is a service.
    /^where\s+(?:do|can|could|should|would)\s+(?:i|we|you)\b/i.test(text)
  )
    return { kind: 'which-service' };
  if (
    /^(?:list|name|enumerate|give me)\b/i.test(text) ||
    /\b(?:what|which) are the (?:\d+|two|three|four|five|six|seven|eight|nine|ten|main|key|core|different|types|kinds)\b/i.test(
      text,
    ) ||
    /\bthe (?:\d+|two|three|four|five|six|seven|eight|nine|ten) \w+/i.test(text) ||
    /^(?:what|which)\s+(?:kinds|types|sorts)\s+of\b/i.test(text) ||
    PLURAL_ASKED.test(text)
  )
    return { kind: 'list' };
  const howTo = /^(?:how (?:do|can|should|would|could) (?:i|we|you)|how to)\b\s*([a-z]+)?/i.exec(text);
  if (howTo) return howTo[1] ? { kind: 'how-to', action: howTo[1] } : { kind: 'how-to' };
  const subject =
    definitionSubject(text) ??
    /^(?:define|definition of)\s+(.+?)\s*\??$/i.exec(text)?.[1] ??
    /^what does\s+(.+?)\s+(?:mean|stand for)\s*\??$/i.exec(text)?.[1] ??
    (/^[\w -]{2,40}\??$/.test(text) && text.split(/\s+/).length <= 3 ? text.replace(/\?$/, '') : undefined);
  if (subject) return { kind: 'definition', subject };
  return { kind: 'general' };
}
