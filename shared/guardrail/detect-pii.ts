import type { PiiEntityType } from './guardrail-policy.js';

/** One PII finding: where it is and what kind it is. */
export interface PiiMatch {
  type: PiiEntityType;
  start: number;
  end: number;
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
function isValidSsn(text: string): boolean {
  const [area, group, serial] = text.split(/[- ]/);
  return area !== '000' && area !== '666' && !area?.startsWith('9') && group !== '00' && serial !== '0000';
}

interface Detector {
  type: PiiEntityType;
  pattern: RegExp;
  accept?: (match: string) => boolean;
}

const DETECTORS: Detector[] = [
  { type: 'EMAIL', pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi },
  { type: 'AWS_ACCESS_KEY', pattern: /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b/g },
  {
    type: 'AWS_SECRET_KEY',
    pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    // 40 base64 characters with mixed classes; plain words or hashes of one class are not keys.
    accept: (match) => /[a-z]/.test(match) && /[A-Z]/.test(match) && /\d/.test(match),
  },
  {
    type: 'CREDIT_DEBIT_CARD_NUMBER',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    accept: (match) => passesLuhn(match.replace(/\D/g, '')),
  },
  { type: 'US_SOCIAL_SECURITY_NUMBER', pattern: /\b\d{3}-\d{2}-\d{4}\b/g, accept: isValidSsn },
  {
    type: 'PHONE',
    // Not part of a longer run of digit groups (order numbers, card-like numbers).
    pattern:
      /(?<![\w-]|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]?\d{3,4}(?![\w-]|[ .-]\d)/g,
    accept: (match) => match.replace(/\D/g, '').length >= 10,
  },
];

/** Finds PII of the given types; overlapping findings keep the earlier detector's (more specific) type. */
export function detectPii(text: string, types?: ReadonlySet<PiiEntityType>): PiiMatch[] {
  const matches: PiiMatch[] = [];
  for (const detector of DETECTORS) {
    if (types && !types.has(detector.type)) continue;
    for (const match of text.matchAll(detector.pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (detector.accept && !detector.accept(match[0])) continue;
      if (matches.some((other) => start < other.end && end > other.start)) continue;
      matches.push({ type: detector.type, start, end });
    }
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

/** Masks every PII type we detect: for log lines, whatever the policy's actions are. */
export function redactForLog(text: string): string {
  return maskPii(text, detectPii(text));
}
