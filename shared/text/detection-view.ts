/**
 * Characters that render as nothing (or nearly nothing) and are used to split words past a
 * filter: control characters, zero-width space/joiners, word joiner, BOM, soft hyphen, bidi controls, Mongolian
 * vowel separator, combining grapheme joiner, Hangul fillers, variation selectors, tag characters.
 */
const INVISIBLE_RANGES: [number, number][] = [
  [0x00, 0x08],
  [0x0e, 0x1f],
  [0x7f, 0x7f],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
  [0xe0100, 0xe01ef],
];

function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([low, high]) => code >= low && code <= high);
}

/**
 * Letters from other scripts that look like Latin ones (Unicode's confusables, the common
 * subset): "Ignоre" with a Cyrillic "о" must read as "Ignore".
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ɡ: 'g',
  ь: 'b',
  ѵ: 'v',
  ү: 'y',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'I',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Latin lookalikes and typographic punctuation
  ı: 'i',
  ȷ: 'j',
  ɑ: 'a',
  ɩ: 'i',
  ʏ: 'y',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '⁃': '-',
  '﹫': '@',
  '＠': '@',
  '․': '.',
  '。': '.',
  '｡': '.',
};

const SPACE = /^\s$/u;
const MARKS = /\p{M}/gu;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Per-code-point translations, cached: a question repeats few distinct characters. */
const translations = new Map<string, string>();
const TRANSLATION_CACHE_LIMIT = 5_000;

/** Value of a decimal digit from any script ("٣" -> "3"): digit blocks are runs of ten. */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  let zero = code;
  while (zero > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return String((code - zero) % 10);
}

function translate(char: string): string {
  const cached = translations.get(char);
  if (cached !== undefined) return cached;
  let result: string;
  if (isInvisible(char)) result = '';
  else if (CONFUSABLES[char] !== undefined) result = CONFUSABLES[char];
  else if (DECIMAL_DIGIT.test(char)) result = asciiDigit(char);
  else {
    // Compatibility decomposition folds fullwidth, ligatures, circled and mathematical letters;
    // dropping the marks folds accents ("é" -> "e").
    result = '';
    for (const part of char.normalize('NFKD').replace(MARKS, '')) result += CONFUSABLES[part] ?? part;
  }
  if (translations.size >= TRANSLATION_CACHE_LIMIT) translations.clear();
  translations.set(char, result);
  return result;
}

/**
 * Text prepared for detection, with a map back to the original: every view character knows the
 * original code point it came from, so a finding in the view masks the right original span.
 */
export interface DetectionView {
  /** The original text. */
  readonly original: string;
  /** The normalised text that detectors read. */
  readonly text: string;
  /** The original span [start, end) that produced view characters [start, end). */
  originalSpan(start: number, end: number): { start: number; end: number };
}

// Plain visible ASCII (not the backtick, which is read as a quote), whitespace, other characters.
const TOKEN = /([!-_a-~]+)|(\s+)|([^\s\p{ASCII}]+)|([\s\S])/gu;
/** A non-ASCII run needs per-character work when it has any of these (else NFKD decides). */
const NEEDS_WORK = new RegExp(
  `[\\p{M}\\p{Nd}\\p{Cf}\\p{Cc}\\u115F\\u1160\\u3164\\uFFA0${Object.keys(CONFUSABLES)
    .filter((key) => (key.codePointAt(0) as number) > 0x7f)
    .join('')}]`,
  'u',
);

/**
 * Normalises text once for every detector: compatibility forms folded (NFKD, accents dropped:
 * fullwidth "＠" -> "@", "ﬁ" -> "fi", "é" -> "e"), invisible characters removed (zero-width,
 * soft hyphen, bidi controls), common homoglyphs mapped to Latin (Cyrillic "о" -> "o"),
 * decimal digits of any script mapped to ASCII, typographic quotes and dashes made plain, and
 * whitespace runs collapsed (to "\n" when the run has a line break). Linear in the text length:
 * ASCII words and unchanged runs of other scripts are copied whole.
 */
export function detectionView(original: string): DetectionView {
  const parts: string[] = [];
  // Segments of the view: from viewStart on, either a 1:1 copy of the original from
  // originalStart (identity) or characters that all come from [originalStart, originalEnd).
  const viewStarts: number[] = [];
  const originalStarts: number[] = [];
  const originalEnds: number[] = [];
  const identity: boolean[] = [];
  let length = 0;
  let last = '';
  const push = (piece: string, start: number, end: number, copy: boolean) => {
    parts.push(piece);
    viewStarts.push(length);
    originalStarts.push(start);
    originalEnds.push(end);
    identity.push(copy);
    length += piece.length;
    last = piece[piece.length - 1] as string;
  };
  const space = (lineBreak: boolean, start: number) => {
    if (last === ' ' && lineBreak) parts[parts.length - 1] = '\n';
    if (last === ' ' || last === '\n') {
      if (lineBreak) last = '\n';
      return;
    }
    push(lineBreak ? '\n' : ' ', start, start + 1, false);
  };
  const translateEach = (run: string, offset: number) => {
    let index = offset;
    for (const char of run) {
      const start = index;
      index += char.length;
      for (const piece of translate(char)) {
        if (SPACE.test(piece)) space(false, start);
        else push(piece, start, index, false);
      }
    }
  };
  for (const match of original.matchAll(TOKEN)) {
    const [token, ascii, whitespace, other] = match;
    const start = match.index;
    if (ascii !== undefined) push(ascii, start, start + ascii.length, true);
    else if (whitespace !== undefined) space(/[\n\r\u2028\u2029\v\f]/.test(whitespace), start);
    else if (other !== undefined && !NEEDS_WORK.test(other) && other.normalize('NFKD') === other)
      push(other, start, start + other.length, true);
    else translateEach(token, start);
  }
  const text = parts.join('');
  /** Index of the segment that holds view offset `at`. */
  const segmentAt = (at: number) => {
    let low = 0;
    let high = viewStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((viewStarts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const originalStartOf = (at: number) => {
    const segment = segmentAt(at);
    const start = originalStarts[segment] as number;
    return identity[segment] ? start + at - (viewStarts[segment] as number) : start;
  };
  const originalEndOf = (at: number) => {
    const segment = segmentAt(at);
    return identity[segment]
      ? (originalStarts[segment] as number) + at - (viewStarts[segment] as number) + 1
      : (originalEnds[segment] as number);
  };
  return {
    original,
    text,
    originalSpan(spanStart, spanEnd) {
      if (spanStart >= text.length) return { start: original.length, end: original.length };
      const start = originalStartOf(spanStart);
      if (spanEnd <= spanStart) return { start, end: start };
      return { start, end: originalEndOf(Math.min(spanEnd, text.length) - 1) };
    },
  };
}
