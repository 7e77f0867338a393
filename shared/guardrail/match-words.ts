/** A compact stand-in for Bedrock's managed profanity list (whole words, common inflections). */
const PROFANITY = [
  'fuck',
  'fucking',
  'fucked',
  'fucker',
  'motherfucker',
  'shit',
  'shitty',
  'bullshit',
  'bitch',
  'bastard',
  'asshole',
  'cunt',
  'dickhead',
  'wanker',
  'twat',
];

function wordPattern(words: string[]): RegExp | null {
  if (words.length === 0) return null;
  const escaped = words.map((word) =>
    word
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/** Matches custom words and, when enabled, profanity; returns which list matched. */
export function createWordMatcher(
  words: string[],
  profanity: boolean,
): (text: string) => ('CUSTOM' | 'PROFANITY')[] {
  const custom = wordPattern(words);
  const managed = profanity ? wordPattern(PROFANITY) : null;
  return (text) => {
    const hits: ('CUSTOM' | 'PROFANITY')[] = [];
    if (custom?.test(text)) hits.push('CUSTOM');
    if (managed?.test(text)) hits.push('PROFANITY');
    return hits;
  };
}
