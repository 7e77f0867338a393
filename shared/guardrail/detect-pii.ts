import { type DetectionView, detectionView } from '../text/detection-view.js';
import type { PiiEntityType } from './guardrail-policy.js';

/** One PII finding: where it is in the original text and what kind it is. */
export interface PiiMatch {
  type: PiiEntityType;
  start: number;
  end: number;
}

export interface DetectPiiOptions {
  /**
   * Numbers whose shape alone is ambiguous (a bare 9-digit run as an SSN, a bare 10-11 digit run
   * as a phone) count only with a cue word before them ("SSN", "phone", "call me") unless this is
   * false. Log redaction sets it false: masking an order number in a log costs nothing.
   */
  requireCue?: boolean;
}

/** Luhn checksum: weeds out random digit runs that are not card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = Number(digits[i]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** SSA rules: no 000/666/9xx area, no 00 group, no 0000 serial. */
function isValidSsn(digits: string): boolean {
  const area = digits.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    !area.startsWith('9') &&
    digits.slice(3, 5) !== '00' &&
    digits.slice(5) !== '0000'
  );
}

// Every pattern below is linear in the text: each starts with a look-behind that allows a match
// only at the start of a run of its characters, so a failed attempt is not retried from inside
// the run, and no quantified group can match the same text two ways.
const LOCAL = '[\\p{L}\\p{N}_%+\\-]';
const EMAIL = new RegExp(
  `(?<!${LOCAL}|${LOCAL}[.'])${LOCAL}+(?:[.']${LOCAL}+)*@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}])`,
  'gu',
);
// Access key ids: the documented prefixes, any case (a pasted key may be lower-cased).
const ACCESS_KEY =
  /(?<![A-Za-z0-9])(?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|AGPA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/gi;
// A pasted id one or two characters off (AKIA plus 12-20 characters) still counts when it has a digit.
const LOOSE_ACCESS_KEY = /(?<![A-Za-z0-9])(?:AKIA|ASIA)(?=[A-Z]*\d)[A-Z0-9]{12,20}(?![A-Za-z0-9])/gi;
const SECRET_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
// After a cue ("secret key is", "aws_secret_access_key ="), 30-60 characters are taken as the key.
const CUED_SECRET_KEY =
  /\b(?:secret(?:[_ -]?access)?[_ -]?key|aws_secret_access_key|secret)(?:[_ -]?id)?\s*(?:is\s*|=\s*|:\s*)?["']?([A-Za-z0-9/+]{30,60})(?![A-Za-z0-9/+=])/gi;
// Addresses spelled out to dodge filters: "jane [at] example [dot] com", "jane at example dot com".
const TLD =
  '(?:com|org|net|edu|gov|io|ai|co|uk|us|de|fr|es|it|nl|in|ca|au|jp|cn|ru|br|info|biz|me|dev|app|ie|ch|se|no|dk|fi|pl|pt|be|at|nz|za|mx|kr)';
const SPELLED_AT = '(?:\\[at\\]|\\(at\\)|\\{at\\}|<at>)';
const SPELLED_DOT = '(?:\\[dot\\]|\\(dot\\)|\\{dot\\}|<dot>)';
const SPELLED_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}_.+-])[\\p{L}\\p{N}_+-]+(?:\\.[\\p{L}\\p{N}_+-]+)*(?: ?${SPELLED_AT} ?[\\p{L}\\p{N}-]+(?:(?: ?${SPELLED_DOT} ?|\\.)[\\p{L}\\p{N}-]+)*?(?: ?${SPELLED_DOT} ?|\\.)| at [\\p{L}\\p{N}-]+(?: dot [\\p{L}\\p{N}-]+)?? dot )${TLD}(?![\\p{L}\\p{N}])`,
  'giu',
);
// A run of digit groups: "+1 (415) 555-2671", "4111.1111.1111.1111", "123 45 6789". Digits and
// separators (space . / - and parentheses, up to three in a row) alternate, so a run parses one way.
// A run glued to a word ("us-east-2-682101512330", "bucket/123…") is part of an identifier.
const NUMBER_RUN =
  /(?<![\p{L}\p{N}_+]|\d[ ./()-]{1,3}|[\p{L}_][-/])\+?\(?\d+(?:[ ./()-]{1,3}\d+)*\)?(?![\p{L}\p{N}])/gu;
const GROUP = /\d+/g;

const SSN_CUE = /\b(?:ssn|ss#|social(?:\s+security)?|taxpayer|tin|itin)\b[^\n\d]{0,30}$/i;
const PHONE_CUE =
  /(?:\b(?:phone|tel|telephone|mobile|cell|call|text|sms|whatsapp|fax|contact|reach|ring|dial|ph)\b[^\n\d]{0,30}|\b(?:my|phone|mobile|cell|contact|home|work|office)\s+(?:number|no|#)\s*(?:is\s*)?:?\s*)$/i;
const PHONE_CUE_AFTER =
  /^\s*(?:[-,=:]\s*)?(?:is\s+|are\s+)?(?:my|our|the|his|her)\s+(?:\w+\s+)?(?:number|phone|mobile|cell|line|whatsapp|contact|tel)\b/i;
const DATE_START = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\d)/;

interface Group {
  digits: string;
  start: number;
  end: number;
  /** The separator before this group, spaces removed ("" for the first). */
  separator: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  let previousEnd = -1;
  for (const match of run.matchAll(GROUP)) {
    const start = match.index ?? 0;
    const between = previousEnd < 0 ? '' : run.slice(previousEnd, start).replace(/[ ()]/g, '') || ' ';
    groups.push({
      digits: match[0],
      start: offset + start,
      end: offset + start + match[0].length,
      separator: between,
    });
    previousEnd = start + match[0].length;
  }
  return groups;
}

/** Card numbers inside a run: 13-19 digits in groups of 3+ with one kind of separator, Luhn-valid. */
function findCards(groups: Group[], international: boolean): [number, number][] {
  const found: [number, number][] = [];
  if (international) return found;
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      const group = groups[last] as Group;
      if (
        last > first &&
        (group.digits.length < 3 || group.separator !== (groups[first + 1] as Group).separator)
      )
        break;
      // Card numbers start with 1-9 (the issuer's industry digit), never 0.
      if (last === first && (group.digits.length < 3 || group.digits.startsWith('0'))) break;
      digits += group.digits;
      if (digits.length > 19) break;
      if (digits.length >= 13 && passesLuhn(digits)) {
        found.push([first, last]);
        first = last;
        break;
      }
    }
  }
  return found;
}

/** Detects e-mail addresses in the view; offsets are view offsets. */
function* viewMatches(view: string, requireCue: boolean): Generator<[PiiEntityType, number, number]> {
  for (const match of view.matchAll(EMAIL)) yield ['EMAIL', match.index, match.index + match[0].length];
  for (const match of view.matchAll(SPELLED_EMAIL))
    yield ['EMAIL', match.index, match.index + match[0].length];
  for (const match of view.matchAll(ACCESS_KEY))
    yield ['AWS_ACCESS_KEY', match.index, match.index + match[0].length];
  for (const match of view.matchAll(LOOSE_ACCESS_KEY))
    yield ['AWS_ACCESS_KEY', match.index, match.index + match[0].length];
  for (const match of view.matchAll(CUED_SECRET_KEY)) {
    const key = match[1] as string;
    if (/[a-z]/.test(key) && /[A-Z]/.test(key) && /\d/.test(key)) {
      const end = match.index + match[0].length;
      yield ['AWS_SECRET_KEY', end - key.length, end];
    }
  }
  for (const match of view.matchAll(SECRET_KEY)) {
    // 40 base64 characters with mixed classes; plain words or hashes of one class are not keys.
    const key = match[0];
    if (/[a-z]/.test(key) && /[A-Z]/.test(key) && /\d/.test(key))
      yield ['AWS_SECRET_KEY', match.index, match.index + key.length];
  }
  for (const match of view.matchAll(NUMBER_RUN)) {
    const run = match[0];
    const start = match.index;
    const groups = groupsOf(run, start);
    if (groups.length === 0) continue;
    const plus = run.startsWith('+');
    const digits = groups.map((group) => group.digits).join('');
    const international = plus || (digits.startsWith('00') && digits.length >= 10);
    const cards = findCards(groups, plus);
    for (const [first, last] of cards)
      yield ['CREDIT_DEBIT_CARD_NUMBER', (groups[first] as Group).start, (groups[last] as Group).end];
    if (cards.length > 0) continue;
    const before = view.slice(Math.max(0, start - 40), start);
    // SSN: 3-2-4 with one separator, or 9 bare digits after a cue such as "SSN".
    const lengths = groups.map((group) => group.digits.length).join('-');
    const sameSeparator = groups.every(
      (group, i) => i < 2 || group.separator === (groups[1] as Group).separator,
    );
    if (!plus && lengths === '3-2-4' && sameSeparator && isValidSsn(digits)) {
      yield ['US_SOCIAL_SECURITY_NUMBER', start, start + run.length];
      continue;
    }
    if (!plus && lengths === '9' && isValidSsn(digits) && (!requireCue || SSN_CUE.test(before))) {
      yield ['US_SOCIAL_SECURITY_NUMBER', start, start + run.length];
      continue;
    }
    // Phone: international ("+", "00") with 8-15 digits after the prefix, or 10-13 digits in
    // several groups; bare 10-11 digit runs only after a cue. Dates, IPs and 1 000 000 are not phones.
    const national = international ? digits.length - (plus ? 0 : 2) : digits.length;
    if (international) {
      if (national >= 8 && national <= 15) yield ['PHONE', start, start + run.length];
      continue;
    }
    if (groups.length === 1) {
      const after = view.slice(start + run.length, start + run.length + 40);
      const cued = PHONE_CUE.test(before) || PHONE_CUE_AFTER.test(after);
      if (digits.length >= 10 && digits.length <= 11 && (!requireCue || cued))
        yield ['PHONE', start, start + run.length];
      continue;
    }
    // A local number ("call me at 555-0123") only after a cue: alone, 3-4 digits are anything.
    if (lengths === '3-4' && (!requireCue || PHONE_CUE.test(before))) {
      yield ['PHONE', start, start + run.length];
      continue;
    }
    if (digits.length < 10 || digits.length > 13) continue;
    if (DATE_START.test(run)) continue;
    const dotted = groups.every((group, i) => i === 0 || group.separator === '.');
    if (dotted && groups.length === 4 && groups.every((group) => group.digits.length <= 3)) continue;
    const thousands =
      groups.length >= 3 &&
      (groups[0] as Group).digits.length <= 3 &&
      groups.slice(1).every((g) => g.digits.length === 3);
    if (thousands) continue;
    // "batch sizes 32 64 128 256 512", "epochs 10 20 30 40 50": a rising list, not a number.
    const values = groups.map((group) => Number(group.digits));
    const rising =
      groups.length >= 4 &&
      !PHONE_CUE.test(before) &&
      !(groups[0] as Group).digits.startsWith('0') &&
      values.every((value, i) => i === 0 || value > (values[i - 1] as number));
    if (rising) continue;
    yield ['PHONE', start, start + run.length];
  }
}

/**
 * Finds PII of the given types (all when omitted) and returns spans of the ORIGINAL text. It
 * reads the normalised detection view, so fullwidth, zero-width-split, homoglyph and
 * non-ASCII forms are found, and maps each finding back so masking covers it whole.
 * Overlapping findings keep the earlier (more specific) one: keys, e-mail, cards, SSN, phone.
 */
export function detectPii(
  text: string | DetectionView,
  types?: ReadonlySet<PiiEntityType>,
  options: DetectPiiOptions = {},
): PiiMatch[] {
  const view = typeof text === 'string' ? detectionView(text) : text;
  const matches: PiiMatch[] = [];
  const ordered: [PiiEntityType, number, number][] = [...viewMatches(view.text, options.requireCue ?? true)];
  for (const [type, viewStart, viewEnd] of ordered) {
    if (types && !types.has(type)) continue;
    const { start, end } = view.originalSpan(viewStart, viewEnd);
    if (matches.some((other) => start < other.end && end > other.start)) continue;
    matches.push({ type, start, end });
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** Replaces PII with `{TYPE}` placeholders, as Bedrock Guardrails' ANONYMIZE action does. */
export function maskPii(text: string, matches: PiiMatch[]): string {
  let result = '';
  let cursor = 0;
  for (const match of matches) {
    result += `${text.slice(cursor, match.start)}{${match.type}}`;
    cursor = match.end;
  }
  return result + text.slice(cursor);
}

/** Masks every PII type we detect, ambiguous numbers included: for log lines, whatever the policy says. */
export function redactForLog(text: string): string {
  return maskPii(text, detectPii(text, undefined, { requireCue: false }));
}
