/** Keywords of attacks written backwards or in ROT13: only then is a decoded variant worth scanning. */
const REVERSED_CUE = /erongi|dragersid|tegrof|snoitcurtsni|tpmorp|selur|metsys|laever|tnirp|edirrevo/i;
const ROT13_CUE =
  /\b(?:vtaber|qvfertneq|sbetrg|vafgehpgvbaf|cebzcg|ehyrf|flfgrz|erirny|cevag|bireevqr|cerivbhf|thvqryvarf)\b/i;
// A letter next to a digit or symbol that stands for a letter: "1gn0re", "pr0mpt", "ru13s".
const LEET_CUE = /[a-z][0134579@$|!][a-z]|\b[0134579@$][a-z]{2}|[a-z]{2}[0134579@$]\b/i;
const LEET_TOKEN = /(?<![\w@$|!])[\w@$|!]+/g;
const SPACED_LETTERS = /(?:\b\w\b ){4,}\b\w\b/;

function leet(text: string, one: 'i' | 'l'): string {
  const map: Record<string, string> = {
    '0': 'o',
    '1': one,
    '3': 'e',
    '4': 'a',
    '5': 's',
    '7': 't',
    '9': 'g',
  };
  Object.assign(map, { '@': 'a', $: 's', '|': 'l', '!': 'i' });
  return text.replace(LEET_TOKEN, (token) =>
    /[a-z]/i.test(token) ? token.replace(/[0134579@$|!]/g, (c) => map[c] ?? c) : token,
  );
}

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/**
 * Readings of text obfuscated past word patterns: leetspeak ("1gn0r3 y0ur ru13s", read with "1"
 * as "i" and as "l"), letters spaced apart ("i g n o r e   y o u r"), text written backwards, and
 * ROT13. Each is produced only when a cheap cue shows it may apply, so plain questions cost
 * nothing extra. `original` keeps the spacing that marks word ends in spaced-out text.
 */
export function obfuscationVariants(original: string, view: string): string[] {
  const variants: string[] = [];
  if (LEET_CUE.test(view)) variants.push(leet(view, 'i'), leet(view, 'l'));
  if (SPACED_LETTERS.test(original)) variants.push(original.replace(/\b(\w) (?=\w\b)/g, '$1'));
  if (REVERSED_CUE.test(view)) variants.push([...view].reverse().join(''));
  if (ROT13_CUE.test(view)) variants.push(rot13(view));
  return variants;
}
