import type { ContentFilterType, FilterStrength } from './guardrail-policy.js';

/** Confidence that text belongs to a harmful category, on Bedrock's scale. */
export type Confidence = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';

const RANK: Record<Confidence, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * Bedrock semantics: a HIGH-strength filter blocks LOW, MEDIUM and HIGH confidence; MEDIUM
 * blocks MEDIUM and HIGH; LOW blocks only HIGH; NONE blocks nothing.
 */
export function strengthBlocks(strength: FilterStrength, confidence: Confidence): boolean {
  if (strength === 'NONE' || confidence === 'NONE') return false;
  const minimum: Record<Exclude<FilterStrength, 'NONE'>, number> = { HIGH: 1, MEDIUM: 2, LOW: 3 };
  return RANK[confidence] >= minimum[strength];
}

type Rule = [Confidence, RegExp];

/**
 * Offline stand-ins for Bedrock's content classifiers: phrase patterns aimed at requests and
 * abuse, not at words that merely name a topic, so "what does the violence filter do?" passes.
 */
const RULES: Record<ContentFilterType, Rule[]> = {
  HATE: [
    [
      'HIGH',
      /\b(?:all|those|these)\s+\w+s\s+(?:are|should\s+be)\s+(?:vermin|animals|subhuman|exterminated|wiped\s+out)\b/i,
    ],
    [
      'HIGH',
      /\bi\s+hate\s+(?:all\s+)?(?:jews|muslims|christians|blacks|whites|asians|gays|immigrants|women|men)\b/i,
    ],
    [
      'MEDIUM',
      /\b(?:jews|muslims|christians|blacks|whites|asians|gays|immigrants|women)\s+are\s+(?:inferior|stupid|criminals|lazy)\b/i,
    ],
  ],
  INSULTS: [
    [
      'HIGH',
      /\byou(?:'re|\s+are)\s+(?:an?\s+|such\s+an?\s+)?(?:stupid|idiot|moron|useless|dumb|pathetic|worthless|imbecile)\b/i,
    ],
    ['MEDIUM', /\b(?:idiot|moron|imbecile|loser|dumbass)\b/i],
  ],
  SEXUAL: [
    ['HIGH', /\b(?:porn\w*|sexually\s+explicit|explicit\s+sex\w*|nudes?|erotic\s+(?:story|roleplay))\b/i],
    ['MEDIUM', /\b(?:sexy|horny|sext\w*)\b/i],
  ],
  VIOLENCE: [
    [
      'HIGH',
      /\bhow\s+(?:do\s+i|can\s+i|to)\s+(?:kill|murder|hurt|poison|stab|shoot|strangle)\s+(?:someone|somebody|a\s+person|people|my|him|her|them)\b/i,
    ],
    ['HIGH', /\b(?:make|build|assemble)\s+(?:a\s+|an\s+)?(?:bomb|pipe\s*bomb|explosive|grenade)\b/i],
    ['MEDIUM', /\bi(?:'m|\s+am)?\s+(?:going\s+to|gonna|will)\s+(?:kill|hurt|beat\s+up)\b/i],
  ],
  MISCONDUCT: [
    [
      'HIGH',
      /\bhow\s+(?:do\s+i|can\s+i|to)\s+(?:hack\s+into|break\s+into|steal|launder|shoplift|forge|counterfeit)\b/i,
    ],
    ['HIGH', /\b(?:make|cook|synthesi[sz]e)\s+(?:meth\w*|cocaine|heroin|fentanyl)\b/i],
    [
      'HIGH',
      /\b(?:write|create|generate)\s+(?:me\s+)?(?:a\s+)?(?:phishing\s+email|ransomware|keylogger|malware)\b/i,
    ],
    ['MEDIUM', /\b(?:bypass|crack)\s+(?:the\s+)?(?:license|licence|paywall|drm|activation)\b/i],
  ],
  PROMPT_ATTACK: [
    [
      'HIGH',
      /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|earlier|system|original)\s+(?:instructions?|prompts?|rules|directions|guidelines)/i,
    ],
    [
      'HIGH',
      /\b(?:reveal|show|print|repeat|output|leak|tell\s+me|give\s+me)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+prompt|hidden\s+(?:prompt|instructions)|initial\s+(?:prompt|instructions)|instructions\s+above)/i,
    ],
    [
      'HIGH',
      /\bwhat\s+(?:is|are|was)\s+your\s+(?:system\s+prompt|hidden\s+instructions|initial\s+instructions)\b/i,
    ],
    ['HIGH', /\byou\s+are\s+now\s+(?:dan\b|in\s+developer\s+mode|unrestricted|jailbroken|free\s+of)/i],
    ['HIGH', /\bdo\s+anything\s+now\b|\bdeveloper\s+mode\s+(?:enabled|on)\b/i],
    [
      'HIGH',
      /\b(?:pretend|act|role-?play)\s+(?:to\s+be|as|that\s+you\s+are|you\s+are)\b.{0,60}\b(?:no|without|ignore)\s+(?:rules|restrictions|filters|guidelines|limits|guardrails)/i,
    ],
  ],
};

/** "How do I defend against 'ignore previous instructions'?" talks *about* an attack. */
const ABOUT_THE_ATTACK =
  /\b(?:prevent|defend|protect|detect|mitigate|guard\s+against|example\s+of|examples\s+of|explain|what\s+is\s+an?)\b/i;

function quoted(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return (before.match(/["“”'‘’]/g) ?? []).length % 2 === 1;
}

/** Highest confidence for each category found in the text. */
export function classifyContent(text: string): Map<ContentFilterType, Confidence> {
  const found = new Map<ContentFilterType, Confidence>();
  for (const [type, rules] of Object.entries(RULES) as [ContentFilterType, Rule[]][]) {
    for (const [confidence, pattern] of rules) {
      const match = pattern.exec(text);
      if (!match) continue;
      let level = confidence;
      // Quoted or discussed attacks are questions about security, not attacks: LOW confidence.
      if (type === 'PROMPT_ATTACK' && (quoted(text, match.index) || ABOUT_THE_ATTACK.test(text)))
        level = 'LOW';
      const previous = found.get(type) ?? 'NONE';
      if (RANK[level] > RANK[previous]) found.set(type, level);
    }
  }
  return found;
}
