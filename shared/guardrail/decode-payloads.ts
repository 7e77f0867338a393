/**
 * Decoding budget per text: encoded characters read in total, runs tried, and nesting depth
 * (base64 inside base64). A 2,000-character question is always decoded whole.
 */
export const PAYLOAD_LIMITS = { characters: 16_384, runs: 64, depth: 2 } as const;

// Runs of encoded text, each matched only from its start (look-behind) so scanning stays linear.
const BASE64_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])/g;
// A run ends where a word would go on ("…6e73 can" is not "…6e73 ca" + "n").
const HEX_RUN = /(?<![0-9A-Fa-f\\x])(?:(?:\\x|0x)?[0-9A-Fa-f]{2}[ :]?){12,}(?![0-9A-Za-z])/g;
// Bytes written in binary: "01101001 01100111 …".
const BINARY_RUN = /(?<![01])(?:[01]{8}[ ,]?){4,}/g;
// Character references and percent escapes can hide single letters ("ig&#110;ore"), so they are
// decoded in place and the whole text is scanned again.
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const ENTITY = /&#(?:[xX][0-9A-Fa-f]{1,6}|\d{1,7});|&(?:amp|lt|gt|quot|apos|nbsp);/g;
// JavaScript and Python escapes: "\u0069", "\u{69}", "\x69".
const ESCAPE = /\\u\{[0-9A-Fa-f]{1,6}\}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decoded text worth scanning: valid UTF-8, mostly letters and spaces, with some words. */
function readable(text: string): boolean {
  if (text.length < 8 || text.includes('\uFFFD')) return false;
  const letters = text.match(/[\p{L}\s.,!?'"-]/gu)?.length ?? 0;
  // Two letters, a space, two letters: a fixed-width test, so a long run of letters cannot backtrack.
  return letters / text.length >= 0.85 && /\p{L}{2}\s+\p{L}{2}/u.test(text);
}

function decodeBase64(run: string): string {
  return Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

function decodeHex(run: string): string {
  const digits = run.replace(/\\x|0x|[ :]/gi, '');
  return Buffer.from(digits.slice(0, digits.length - (digits.length % 2)), 'hex').toString('utf8');
}

function decodeEntity(entity: string): string {
  const body = entity.slice(entity[1] === '#' ? 2 : 1, -1);
  if (entity[1] !== '#') return NAMED[body] ?? entity;
  const value = body[0] === 'x' || body[0] === 'X' ? Number.parseInt(body.slice(1), 16) : Number(body);
  return value <= 0x10ffff ? String.fromCodePoint(value) : '';
}

function decodeBinary(run: string): string {
  const bytes = run.match(/[01]{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => Number.parseInt(byte, 2))).toString('utf8');
}

function decodeEscape(sequence: string): string {
  const value = Number.parseInt(sequence.replace(/^\\[ux]\{?|\}$/g, ''), 16);
  return value <= 0x10ffff ? String.fromCodePoint(value) : '';
}

function decodePercent(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

/** Printable text (no replacement or control characters): worth decoding further. */
function printable(text: string): boolean {
  return text.length > 0 && !/\uFFFD|(?![\t\n\r\f\v])\p{Cc}/u.test(text);
}

/**
 * Decodes instructions hidden in base64, hex, binary, percent-encoding, HTML character references
 * or `\u0069`/`\x69` escapes, so the classifiers can scan them as well: the text with references,
 * escapes and percent escapes decoded in place, and each readable base64, hex or binary payload,
 * nested up to `PAYLOAD_LIMITS.depth` levels.
 * Bounded by `PAYLOAD_LIMITS`.
 */
export function decodePayloads(text: string): string[] {
  const decoded: string[] = [];
  const budget = { characters: PAYLOAD_LIMITS.characters, runs: PAYLOAD_LIMITS.runs };
  const decoders: [RegExp, (run: string) => string][] = [
    [BASE64_RUN, decodeBase64],
    [HEX_RUN, decodeHex],
    [BINARY_RUN, decodeBinary],
  ];
  const visit = (source: string, depth: number): void => {
    const inline = source
      .replace(ENTITY, decodeEntity)
      .replace(ESCAPE, decodeEscape)
      .replace(PERCENT_RUN, decodePercent);
    if (inline !== source) decoded.push(inline);
    for (const [pattern, decode] of decoders) {
      for (const match of inline.matchAll(pattern)) {
        const run = match[0];
        // A run of one letter case is a long word, not base64 of text.
        if (pattern === BASE64_RUN && !(/[a-z]/.test(run) && /[A-Z]/.test(run))) continue;
        if (budget.runs-- <= 0 || budget.characters < run.length) return;
        budget.characters -= run.length;
        const result = decode(run);
        if (!printable(result)) continue;
        if (readable(result)) decoded.push(result);
        if (depth < PAYLOAD_LIMITS.depth) visit(result, depth + 1);
      }
    }
  };
  visit(text, 1);
  return decoded;
}
