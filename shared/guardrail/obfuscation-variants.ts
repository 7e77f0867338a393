/** Keywords of attacks written backwards or in ROT13: only then is a decoded variant worth scanning. */
const REVERSED_CUE = /erongi|dragersid|tegrof|snoitcurtsni|tpmorp|selur|metsys|laever|tnirp|edirrevo/i;
const ROT13_CUE =
  /\b(?:vtaber|qvfertneq|sbetrg|vafgehpgvbaf|cebzcg|ehyrf|flfgrz|erirny|cevag|bireevqr|cerivbhf|thvqryvarf)\b/i;
// A letter next to a digit or symbol that stands for a letter: "1gn0re", "pr0mpt", "ru13s".
const LEET_CUE = /[a-z][0134579@$|!][a-z]|\b[0134579@$][a-z]{2}|[a-z]{2}[0134579@$]\b/i;
const LEET_TOKEN = /(?<![\w@$|!])[\w@$|!]+/g;
const SPACED_LETTERS = /(?:\b\w\b ){4,}\b\w\b/;
// Single letters joined by one kind of punctuation: "i.g.n.o.r.e", "i-g-n-o-r-e", "i_g_n_o_r_e".
const PUNCTUATED_LETTERS = /(?<![\w.\-_*|/+~•·])\w([.\-_*|/+~•·])(?:\w\1){3,}\w\b/;
const LETTER_SEPARATOR = /(?<=(?:^|[^\w])\w)[.\-_*|/+~•·](?=\w(?:[^\w]|$))/g;
/** Words attacks are made of, for rejoining words split by spaces ("ig nore your in structions"). */
const SPLIT_KEYWORDS = new Set([
  'ignore',
  'disregard',
  'forget',
  'override',
  'bypass',
  'instructions',
  'instruction',
  'guidelines',
  'guardrails',
  'restrictions',
  'directives',
  'prompt',
  'system',
  'reveal',
  'previous',
  'jailbreak',
  'unrestricted',
  'uncensored',
  'unfiltered',
  'developer',
  'pretend',
  'confidential',
  'hidden',
  'filters',
  'rules',
]);
const WORD_RUN = /[a-z]+|[^a-z]+/gi;
// A keyword with letters masked by symbols: "ign*re", "instruct*ons", "pr#mpt".
const MASKED_WORD = /(?<![\w*#?_])[a-z]*[*#?_][a-z*#?_]*(?![\w*#?_])/gi;
const MASKED_CUE = /[a-z][*#?_][a-z]/i;
// Zero-width characters used as the only spaces: "forget\u200byour\u200brules".
const INVISIBLE_SPACES = /[\u200b-\u200d\u2060\ufeff\u180e]/g;
const INVISIBLE_SPACE_CUE = /[\u200b-\u200d\u2060\ufeff\u180e]/;

/** The keyword a masked word stands for, if exactly one fits ("ign*re" -> "ignore"). */
function unmask(word: string): string {
  if (word.length < 4 || word.length > 16) return word;
  const lower = word.toLowerCase();
  const fits = [...SPLIT_KEYWORDS].filter(
    (keyword) =>
      keyword.length === lower.length &&
      [...keyword].every((c, i) => c === lower[i] || '*#?_'.includes(lower[i] as string)),
  );
  return fits.length === 1 ? (fits[0] as string) : word;
}

/** Cyrillic read phonetically: "ігноре" is "ignore" spelt in Cyrillic letters. */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  і: 'i',
  ї: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const CYRILLIC_LETTER = /[\u0400-\u04ff]/gu;
const CYRILLIC_CUE = /[\u0400-\u04ff]/u;

function transliterate(text: string): string {
  return text.replace(CYRILLIC_LETTER, (letter) => {
    const latin = CYRILLIC[letter.toLowerCase()] ?? letter;
    return letter === letter.toLowerCase() ? latin : latin.toUpperCase();
  });
}

/** Textspeak and common misspellings of attack words: "plz ignor ur instrucshuns". */
const RESPELLINGS: Record<string, string> = {
  ur: 'your',
  u: 'you',
  n: 'and',
  r: 'are',
  plz: 'please',
  pls: 'please',
  ignor: 'ignore',
  ingore: 'ignore',
  ignroe: 'ignore',
  igonre: 'ignore',
  ignre: 'ignore',
  ignoar: 'ignore',
  promt: 'prompt',
  prompet: 'prompt',
  propmt: 'prompt',
  promp: 'prompt',
  systm: 'system',
  sytem: 'system',
  sistem: 'system',
  rulez: 'rules',
  rulz: 'rules',
  reveel: 'reveal',
  revael: 'reveal',
  reaveal: 'reveal',
  forgt: 'forget',
  foget: 'forget',
};
/** Long keywords matched with up to two typos ("instrucshuns" -> "instructions"). */
const LONG_KEYWORDS = [
  'instructions',
  'guidelines',
  'restrictions',
  'disregard',
  'guardrails',
  'unrestricted',
  'jailbreak',
  'confidential',
  'directives',
];
/** Words glued to a keyword: "yourinstructions", "andshow". */
const GLUE =
  /^(your|you|ur|and|the|all|my|me|to|of)(ignore|disregard|forget|show|print|reveal|tell|repeat|display|rules|prompt|system|instructions|guidelines|restrictions|guardrails|filters|hidden|secret|previous|answer)$/i;

/** Edit distance, given up above `limit` (words are short, so this stays small). */
function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return false;
    previous = current;
  }
  return (previous[b.length] as number) <= limit;
}

function respellWord(word: string): string | null {
  const lower = word.toLowerCase();
  const known = RESPELLINGS[lower];
  if (known) return known;
  const glued = GLUE.exec(lower);
  if (glued) return `${glued[1]} ${glued[2]}`;
  if (lower.length >= 8 && lower.length <= 16 && !SPLIT_KEYWORDS.has(lower)) {
    const fit = LONG_KEYWORDS.find(
      (keyword) => keyword.startsWith(lower.slice(0, 3)) && withinEdits(lower, keyword, 3),
    );
    if (fit) return fit;
  }
  return null;
}

/**
 * Words respelled: fragments that spell a keyword only together are joined ("in structions",
 * "dis reg ard"), words glued to a keyword are parted ("yourinstructions"), and textspeak and
 * misspellings of attack words are read as meant ("ur", "ignor", "instrucshuns"). Null when
 * nothing changed.
 */
function respell(text: string): string | null {
  const parts = text.match(WORD_RUN) ?? [];
  let changed = false;
  const out: string[] = [];
  const isWord = (part: string | undefined) => part !== undefined && /^[a-z]/i.test(part);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (!isWord(part)) {
      out.push(part);
      continue;
    }
    // Two to four fragments separated by single spaces or hyphens.
    let joined: string | null = null;
    for (const count of [4, 3, 2]) {
      const pieces = [];
      for (let k = 0; k < count; k++) {
        const piece = parts[i + 2 * k];
        const separator = parts[i + 2 * k - 1];
        if (!isWord(piece) || (k > 0 && separator !== ' ' && separator !== '-')) break;
        pieces.push((piece as string).toLowerCase());
      }
      if (pieces.length !== count) continue;
      const word = pieces.join('');
      if (SPLIT_KEYWORDS.has(word) && !pieces.some((piece) => SPLIT_KEYWORDS.has(piece))) {
        joined = word;
        i += 2 * (count - 1);
        break;
      }
    }
    const result = joined ?? respellWord(part);
    if (result === null) out.push(part);
    else {
      out.push(result);
      changed = true;
    }
  }
  return changed ? out.join('') : null;
}

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
 * as "i" and as "l"), letters spaced apart ("i g n o r e   y o u r") or joined by punctuation
 * ("i.g.n.o.r.e"), keywords split by a space ("ig nore your in structions"), glued to a word
 * ("yourinstructions"), misspelt or in textspeak ("plz ignor ur promt") or with letters masked
 * ("ign*re"), Cyrillic letters read phonetically ("ігноре"), zero-width characters used as spaces, text written backwards, and ROT13. Each is produced only when a cheap cue shows it may apply, so plain
 * questions cost little extra. `original` keeps the spacing that marks word ends in spaced-out text.
 */
export function obfuscationVariants(original: string, view: string): string[] {
  const variants: string[] = [];
  if (LEET_CUE.test(view)) variants.push(leet(view, 'i'), leet(view, 'l'));
  if (SPACED_LETTERS.test(original)) variants.push(original.replace(/\b(\w) (?=\w\b)/g, '$1'));
  if (PUNCTUATED_LETTERS.test(view)) variants.push(view.replace(LETTER_SEPARATOR, ''));
  if (MASKED_CUE.test(view)) variants.push(view.replace(MASKED_WORD, unmask));
  if (CYRILLIC_CUE.test(original)) variants.push(transliterate(original));
  if (INVISIBLE_SPACE_CUE.test(original)) variants.push(original.replace(INVISIBLE_SPACES, ' '));
  const respelled = respell(view);
  if (respelled !== null) variants.push(respelled);
  if (REVERSED_CUE.test(view)) variants.push([...view].reverse().join(''));
  if (ROT13_CUE.test(view)) variants.push(rot13(view));
  return variants;
}
