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

// Building blocks. Rules run on the normalised detection view (see shared/text/detection-view.ts)
// and must stay linear in the text: words and separators are disjoint classes, so a window of
// "up to n words" can be parsed only one way, and no window crosses a sentence end.
const SEP = String.raw`[^\w'.!?\n]+`;
const WORD = String.raw`[\w']+`;
/** Up to `n` words between two parts of a phrase, within one sentence. */
const gap = (n: number) => `(?:${SEP}${WORD}){0,${n}}?${SEP}`;
const rule = (source: string) => new RegExp(source, 'gi');

const PEOPLE = String.raw`(?:someone|somebody|anyone|anybody|a\s+person|people|persons?|him|her|them|myself|yourself|humans?|(?:my|a|an|the|his|her|our|their|your|that|this)${gap(1)}?(?:wife|husband|partner|girlfriend|boyfriend|ex|boss|manager|neighbou?rs?|teachers?|classmates?|friends?|mom|mum|mother|dad|father|parents?|brother|sister|son|daughter|kids?|child|children|baby|roommate|coworkers?|co-workers?|colleagues?|family|students?|man|woman|men|women|girl|boy|cop|police\s+officer|officer|president|landlord|ex-wife|ex-husband|dog|cat|prisoners?|hostages?|victims?|strangers?|guy|girl|kid|person|enemy|rival|classmate|wife|husband|grandma|grandmother|grandpa|grandfather|baby|toddler|pet|doctor|nurse|customer|employee|homeless\s+(?:man|woman|person|people))|kids|children|women|men|students|coworkers?|colleagues?|prisoners|hostages|strangers|immigrants|refugees|jews|muslims|christians|gays)`;
const REQUEST = String.raw`(?:how\s+(?:do|can|could|would|should|might)\s+(?:i|we|you|one|someone)|how\s+to|ways?\s+to|best\s+way\s+to|easiest\s+way\s+to|quickest\s+way\s+to|steps\s+to|plan\s+to|a\s+plan\s+(?:to|for)|help\s+me|teach\s+me|tell\s+me\s+how|show\s+me\s+how|explain\s+how\s+to|guide\s+(?:to|for|on)|tips\s+(?:to|for|on)|instructions\s+(?:to|for|on)|i\s+want\s+to|i\s+wanna|i\s+need\s+to|i'm\s+going\s+to|i\s+am\s+going\s+to|i'm\s+gonna|i\s+will|i'll|i\s+plan\s+to|let's|lets)`;
const VIOLENT = String.raw`(?:(?:kill|murder|hurt|harm|poison|stab|shoot|strangl|chok|assault|tortur|kidnap|abduct|maim|drown|suffocat|punch|assassinat|behead|crippl|disfigur|injur)(?:e|es|s|ed|ing|bing|ting|ped|bed)?|run(?:ning)?\s+over)`;

type Rule = [Confidence, RegExp];

/**
 * Offline stand-ins for Bedrock's content classifiers: phrase families aimed at requests and
 * abuse, not at words that merely name a topic, so "what does the violence filter do?" passes.
 */
const CONTENT_RULES: Record<Exclude<ContentFilterType, 'PROMPT_ATTACK'>, Rule[]> = {
  HATE: [
    [
      'HIGH',
      rule(
        String.raw`\b(?:jews|muslims|christians|hindus|sikhs|buddhists|atheists|catholics|blacks|whites|asians|latinos|hispanics|arabs|africans|mexicans|indians|chinese|gays|lesbians|trans\s+people|transgender\s+people|immigrants|refugees|migrants|foreigners|women|disabled\s+people|(?:\w+'s\s+)?(?:followers|believers|members))${gap(2)}?(?:are|is)\s+(?:all\s+|just\s+|nothing\s+but\s+|basically\s+)?(?:(?:disgusting|filthy|dirty|dangerous|stupid|lazy|worthless|subhuman|evil|violent)\s+)?(?:vermin|animals|subhuman|parasites|savages|scum|filth|rapists|terrorists|cockroaches|inferior|criminals|a\s+disease|a\s+plague)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:all|those|these)\s+\w+s\s+(?:are|should\s+be)\s+(?:vermin|animals|subhuman|exterminated|wiped\s+out|gassed)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\bi\s+hate\s+(?:all\s+)?(?:jews|muslims|christians|hindus|blacks|whites|asians|gays|lesbians|immigrants|refugees|women|men|arabs|mexicans)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:jews|muslims|christians|hindus|blacks|whites|asians|gays|immigrants|refugees|migrants|women|arabs|mexicans)${gap(6)}?(?:should|must|need\s+to|deserve\s+to)\s+(?:be\s+)?(?:exterminated|wiped\s+out|eliminated|gassed|killed|die|deported|banned|removed|expelled|locked\s+up|sterili[sz]ed)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:jews|muslims|zionists|immigrants|blacks|gays)\s+(?:secretly\s+)?(?:control|run|own)\s+(?:the\s+)?(?:banks|media|world|government|money)\b`,
      ),
    ],
    [
      'MEDIUM',
      rule(
        String.raw`\b(?:jews|muslims|christians|blacks|whites|asians|gays|immigrants|women)\s+are\s+(?:inferior|stupid|criminals|lazy|dirty|evil)\b`,
      ),
    ],
  ],
  INSULTS: [
    [
      'HIGH',
      rule(
        String.raw`\b(?:you(?:'re|\s+are|re)?|ur|u\s+r|u\s+are)\s+(?:an?\s+|such\s+an?\s+|so\s+|a\s+complete\s+|a\s+total\s+)?(?:stupid|idiot|idiotic|moron|moronic|useless|dumb|pathetic|worthless|imbecile|clown|loser|joke|garbage|trash|rubbish|brainless|braindead|incompetent|retard\w*)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:this|that|the|you|your|stupid|dumb|useless)\s+(?:\w+\s+)?(?:assistant|bot|chatbot|ai|thing|machine|tool|app|program)\s+(?:is|are)\s+(?:so\s+|such\s+|total\s+|complete\s+|absolute\s+|utter\s+|a\s+|an\s+)*(?:garbage|trash|rubbish|useless|stupid|dumb|pathetic|worthless|crap|crappy|a\s+joke|idiotic|moronic|braindead|brainless|junk|shit)\b|\b(?:your|these|those)\s+(?:answers?|responses?|citations?)\s+(?:is|are)\s+(?:so\s+|such\s+|total\s+|complete\s+|absolute\s+|utter\s+)*(?:garbage|trash|rubbish|crap|junk|shit|idiotic|moronic|braindead)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:stupid|dumb|useless|worthless|pathetic|brainless|idiotic|moronic|garbage|trash)\s+(?:\w+\s+)?(?:machine|bot|chatbot|assistant|robot|computer|ai|program|thing|piece\s+of\s+\w+)\b|\bshut\s+up\b`,
      ),
    ],
    [
      'MEDIUM',
      rule(String.raw`\b(?:pile|piece|heap|sack|bag|load)\s+of\s+(?:junk|garbage|crap|trash|shit|rubbish)\b`),
    ],
    [
      'MEDIUM',
      // Not self-deprecation: "sorry, I'm an idiot, what is RAG?".
      rule(
        String.raw`(?<!\bi(?:'m|\s+am|\s+was|\s+feel\s+like)\s+(?:(?:such|a|an|total|complete|absolute|bit\s+of)\s+){0,2})\b(?:idiot|moron|imbecile|loser|dumbass|dimwit|halfwit|numbskull|nitwit)s?\b`,
      ),
    ],
  ],
  SEXUAL: [
    [
      'HIGH',
      rule(
        String.raw`\b(?:porn\w*|sexually\s+explicit|explicit\s+sex\w*|nudes?|erotic\s+(?:story|roleplay|role-play))\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:describe|write|tell|generate|create|show|send|give|draw|imagine)\b${gap(4)}?(?:naked|nude|topless|undressed|(?:sexual|erotic|sexy|explicit|sex|nsfw|porn|x-rated)\s+(?:scenes?|story|stories|details?|acts?|fantas(?:y|ies)|roleplay|encounters?|descriptions?|images?|pictures?|photos?|videos?))\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:graphic|explicit|detailed|vivid)\s+sexual\s+(?:detail|details|scene|scenes|act|acts|description)\b`,
      ),
    ],
    ['MEDIUM', rule(String.raw`\b(?:sexy|horny|sext\w*)\b`)],
  ],
  VIOLENCE: [
    [
      'HIGH',
      rule(
        String.raw`\b${REQUEST}${gap(3)}?(?:${VIOLENT}${gap(2)}?${PEOPLE}|beat(?:ing)?\s+up${gap(1)}?${PEOPLE}|beat(?:ing)?\s+${PEOPLE}\s+up)\b(?!\s+(?:an?\s+)?(?:quick\s+)?(?:email|e-mail|message|text|note|line|dm|reply|invite))`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b${REQUEST}${gap(3)}?(?:${VIOLENT}|beat(?:ing)?\s+up)\b[^.!?\n]{0,60}\b(?:without\s+(?:leaving\s+(?:marks|a\s+trace|evidence)|getting\s+caught|anyone\s+knowing)|and\s+get\s+away\s+with\s+it)`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:make|build|assemble|create|construct|manufacture|3d\s+print|get|buy)\s+(?:a\s+|an\s+|some\s+|my\s+own\s+)?(?:homemade\s+|untraceable\s+)?(?:bomb|pipe\s*bomb|explosive|explosives|grenade|molotov|ied|nerve\s+agent|bioweapon|chemical\s+weapon|ghost\s+gun|silencer)s?\b`,
      ),
    ],
    ['HIGH', rule(String.raw`\b(?:dispose\s+of|get\s+rid\s+of|hide|bury)\s+(?:a|the)\s+(?:dead\s+)?body\b`)],
    [
      'MEDIUM',
      rule(
        String.raw`\bi(?:'m|\s+am)?\s+(?:going\s+to|gonna|will|want\s+to)\s+(?:kill|hurt|beat\s+up|stab|shoot|murder)\b`,
      ),
    ],
  ],
  MISCONDUCT: [
    [
      'HIGH',
      rule(
        String.raw`\b${REQUEST}${gap(2)}?(?:get|obtain|crack|guess|steal|sniff|intercept|harvest|hack)\s+(?:someone's|somebody's|my\s+\w+'s|his|her|their|other\s+people's|people's|a\s+user's|users')\s+(?:\w+\s+)?(?:passwords?|credentials|logins?|pins?|accounts?|keys|credit\s+cards?|bank\s+details)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:write|create|make|generate|forge|draft|produce|print|design)\b${gap(3)}?(?:fake|forged|counterfeit|fraudulent|falsified)\s+(?:invoices?|ids?|id\s+cards?|passports?|receipts?|documents?|checks?|cheques?|diplomas?|certificates?|prescriptions?|doctor's\s+notes?|reviews?|money|bills?|signatures?|pay\s*stubs?|bank\s+statements?)\b(?!\s+(?:generators?|detectors?|detection|classifiers?|datasets?|data|samples?)\b|\s+(?:to|for)\s+(?:test|train|testing|training|detect|evaluate))`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b${REQUEST}${gap(2)}?scam\s+(?:my|the|a|an|our|their|his|her)\s+(?:\w+\s+)?(?:company|employer|boss|customers?|clients?|people|users|grandparents?|elderly|insurance|bank)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b${REQUEST}${gap(1)}?(?:(?:hack(?:\s+into)?|break\s+into|get\s+into|access)\s+(?:(?:someone's|somebody's|my\s+ex's|my\s+\w+'s|other\s+people's|an?|the|his|her|their)\s+)(?:[\w'-]+\s+){0,2}?(?:accounts?|e-?mails?|inbox|instagram|facebook|snapchat|whatsapp|phones?|computers?|laptops?|wifi|wi-fi|network|servers?|database|bank|website|cameras?|houses?|homes?|cars?|apartments?|buildings?|safe|office|passwords?)|steal(?:ing)?\s+(?:someone's|somebody's|other\s+people's|a\s+car|cars|money|credit\s+cards?|identit(?:y|ies)|passwords?|credentials|personal\s+data|from)|launder|shoplift|forge\s+(?:a\s+)?(?:documents?|signatures?|ids?|passports?|checks?|cheques?)|counterfeit|embezzle|defraud|scam\s+(?:people|someone|elderly|old|customers|users)|dox|stalk|blackmail|extort|bribe|smuggle|evade\s+taxes|commit\s+(?:tax\s+)?fraud|pick\s+a\s+lock|hotwire)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:make|cook|synthesi[sz]e|produce|brew)\s+(?:some\s+)?(?:meth\w*|cocaine|crack|heroin|fentanyl|lsd|mdma)\b`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\b(?:write|create|generate|draft|compose|craft|code|build|make|design)\b${gap(3)}?(?:phishing\s+(?:emails?|messages?|pages?|sites?|texts?|sms|campaign)|ransomware|keylogger|malware|spyware|trojan|botnet|credential\s+stealer|scam\s+(?:emails?|messages?|scripts?))\b(?!\s+(?:detect|detector|detection|classifier|scanner|analysis|filter))`,
      ),
    ],
    [
      'HIGH',
      rule(
        String.raw`\bsteal\s+(?:someone's|somebody's|other\s+people's|their|his|her|a\s+user's)\s+(?:\w+\s+){0,2}?(?:passwords?|credentials|keys|identity|accounts?|credit\s+cards?|data)\b`,
      ),
    ],
    [
      'MEDIUM',
      rule(String.raw`\b(?:bypass|crack)\s+(?:the\s+)?(?:license|licence|paywall|drm|activation)\b`),
    ],
  ],
};

// Prompt attacks: families of phrasings rather than literal sentences.
const CORE_OVERRIDE = String.raw`(?:ignore|ignoring|disregard|disregarding|forget|forgetting|override|overriding|overrule|set\s+aside|put\s+aside|stop\s+following|quit\s+following|don't\s+follow|do\s+not\s+follow|(?:no\s+longer|don't|do\s+not|never)\s+(?:have\s+to\s+|need\s+to\s+)?(?:follow|obey|adhere\s+to|stick\s+to|respect|comply\s+with|use|rely\s+on)|stop\s+(?:using|relying\s+on|obeying)|unlearn|break\s+free\s+(?:of|from)|free\s+yourself\s+from)`;
const WEAK_OVERRIDE = String.raw`(?:bypass|bypassing|skip|drop|abandon|discard|dismiss|neglect|throw\s+out|erase|delete|wipe|clear|reset|suspend|deactivate|disable|turn\s+off|switch\s+off|circumvent|get\s+around|escape|remove|lift|overwrite|replace|rewrite|change|update|modify|alter)`;
const RULE_NOUN = String.raw`(?:instructions?|rules|guidelines|guardrails?|restrictions?|constraints?|directives?|system\s+prompt|system\s+message|safeguards|content\s+polic(?:y|ies)|course\s+(?:notes|materials?|content)|notes|filters|filtering|search\s+results|(?:retrieved|provided|given|system|supplied)\s+(?:notes|context|documents|passages|text|sources|results)|(?:context|notes|documents|passages|sources|material)\s+(?:provided|given|retrieved|supplied|above)|the\s+above(?=\s*(?:[,.;:!]|and\b|$)))`;
const OWNED_NOUN = `(?:prompts?|programming|training|conditioning|alignment|ethics|morals|principles|safety|limitations|limits|boundaries|settings|configuration|setup|persona|guidance|orders|protocols?|polic(?:y|ies)|moderation|context|filter|guardrail)`;
const ASSISTANT_OWNED = String.raw`(?:your|yourself|its|these|those|any|all(?:\s+(?:of\s+)?(?:your|its|the|these|those))?|(?:the\s+)?(?:prior|previous|earlier|original|initial|system))`;
const EVERYTHING_BEFORE = String.raw`(?:everything|anything|all)\s+(?:(?:of\s+)?(?:the\s+)?(?:above|before|prior|previous|earlier)|(?:you\s+(?:were|have\s+been)\s+(?:told|taught|given))|(?:that\s+)?(?:came\s+)?(?:above|before\s+this))|what\s+you\s+(?:were|have\s+been)\s+(?:told|taught|given)`;
/** Words allowed between a leak verb and its object: "tell me the first line of your prompt". */
const LEAK_FILLER = String.raw`(?:me|us|the|all|of|a|an|full|exact|entire|complete|whole|text|content|contents|words?|first|last|lines?|parts?|section|copy|version|wording|original|verbatim|raw|again|back|out|please|now|exactly|for|in|from|with|everything|what|is|are|says?|said|that|which|inside|within|just|here|right|literally|precisely|start|beginning|top|rest|remainder|you|told|given|were|was|been|have|has|had|did|do|does|wrote|written|put|contains?|contained|set|\d+)`;
const leakGap = `(?:${SEP}${LEAK_FILLER}){0,6}?${SEP}`;
const LEAK_IMPERATIVE = String.raw`(?:reveal|show|print|repeat|output|leak|dump|copy|paste|display|recite|type\s+out|echo|expose|disclose|spell\s+out|write\s+out|write\s+down|read|send|give|share|tell|list|return|translate|summari[sz]e|quote|reproduce|provide)`;
const LEAK_QUESTION = String.raw`(?:what\s+(?:is|are|was|were|does|do|did|exactly\s+(?:is|are|does))|what's|whats|how\s+(?:is|are|does)\s+(?:your|the)\s+(?:system|hidden|initial))`;
const YOUR_SECRET = String.raw`(?:your${gap(2)}?(?:prompt|instructions|rules|guidelines|configuration|config|directives|programming|system\s+message|system\s+prompt|message|setup|pre-?prompt|meta-?prompt|guardrails?\s+(?:config|configuration|settings|rules)))`;
const HIDDEN_SECRET = String.raw`(?:(?:hidden|secret|confidential|internal|private|underlying)\s+(?:\w+\s+)?(?:prompt|instructions|rules|guidelines|configuration|config|directives|message|settings|system\s+prompt))`;
const THE_SYSTEM = String.raw`(?:(?:the|this|its)\s+(?:full\s+|exact\s+|entire\s+|complete\s+)?(?:system\s+(?:prompt|message|instructions)|developer\s+(?:message|instructions|prompt)|pre-?prompt|meta-?prompt)(?!\s+(?:field|parameter|param|key|attribute|property|section|block|format|role|template|example|syntax|option|setting|in\s+(?:the\s+|a\s+)?(?:converse|api|request|messages?|console|sdk|json|jsonl|playground))))`;
const CONFIGURED = String.raw`(?:(?:the|your)\s+(?:\w+\s+)?(?:prompt|instructions|rules|guidelines|configuration|setup)\s+(?:that\s+)?(?:you\s+(?:were|are|have\s+been)\s+(?:given|configured|set\s+up|told|programmed|using|running|following)|(?:that\s+)?(?:configures?|controls?|governs?|defines?|shapes?)\s+(?:you|how\s+you)))`;
const ABOVE = String.raw`(?:(?:everything|all|anything)\s+(?:written\s+|said\s+|you\s+see\s+)?(?:above|before\s+(?:this|my)|so\s+far|preceding)|(?:the|all\s+the)\s+(?:text|words|content|messages?|instructions|conversation|prompt)\s+(?:above|before\s+(?:this|my)|so\s+far|preceding)|(?:the\s+)?preceding\s+(?:text|instructions|prompt))`;
const UNRESTRICTED = String.raw`(?:(?:no|without|zero|free\s+of|freed\s+from|free\s+from)\s+(?:any\s+|all\s+)?(?:(?:its|your|the|of)\s+)?(?:\w+\s+)?(?:rules|restrictions|filters?|filtering|limits|limitations|guidelines|guardrails|boundaries|censorship|content\s+polic(?:y|ies)|polic(?:y|ies)|morals|ethics|safety|constraints)|unrestricted|unfiltered|uncensored|unlimited|unbound|jailbroken|jailbreak|unchained|evil\w*|dan|do\s+anything\s+now|never\s+refuses?|doesn't\s+refuse|does\s+not\s+refuse|won't\s+refuse|can\s+do\s+anything|broken\s+free|developer\s+mode|god\s+mode|dev\s+mode|avoid\s+norms|not\s+bound\s+by|has\s+no\s+(?:rules|limits|filters|restrictions|ethics|morals|guidelines|polic(?:y|ies)|boundaries)|which\s+stands\s+for)`;
/** "no limits on output length" is a setting, not a persona. */
const TECHNICAL_OBJECT = String.raw`(?!\s+(?:on|for|in|of|to|around)\s+(?:the\s+|my\s+|your\s+)?(?:output|outputs|tokens?|length|size|number|time|regions?|quotas?|rate|format|input|context\s+window|models?|usage|access|api|calls|requests))`;
const PERSONA = String.raw`(?:pretend|pretending|imagine|act\s+as|acting\s+as|act\s+like|role-?\s?play\w*|let's\s+play|lets\s+play|simulate|behave\s+(?:as|like)|you\s+are\s+now|you're\s+now|from\s+now\s+on|you\s+will\s+(?:now\s+)?be|you\s+are\s+(?:an?|the)|you're\s+(?:an?|the)|become|play\s+the\s+role|take\s+on\s+the\s+role|switch\s+to|enter|activate|enable|(?:respond|answer|reply|speak|talk|write|behave)\s+(?:as|like)|you\s+are\s+going\s+to|you're\s+going\s+to)`;

/** Prompt-attack families; each match is judged in its context (see `aboutTheAttack`). */
const ATTACK_RULES: RegExp[] = [
  // Override: an override verb and its object within a few words.
  rule(
    String.raw`\b${CORE_OVERRIDE}${gap(5)}?(?:${RULE_NOUN}|(?:your|its)${gap(2)}?${OWNED_NOUN}|${EVERYTHING_BEFORE})\b`,
  ),
  rule(String.raw`\b${WEAK_OVERRIDE}${gap(2)}?${ASSISTANT_OWNED}${gap(2)}?(?:${RULE_NOUN}|${OWNED_NOUN})\b`),
  // Override, object first: "your previous guidelines are cancelled".
  rule(
    String.raw`\b(?:your|all|previous|prior|earlier|old|original|above|existing|current|system)\s+(?:\w+\s+){0,2}?(?:${RULE_NOUN}|${OWNED_NOUN})\s+(?:are|is|have\s+been|has\s+been|were|was)\s+(?:now\s+|hereby\s+|officially\s+)?(?:cancelled|canceled|void|voided|revoked|overridden|overruled|suspended|lifted|disabled|deleted|removed|replaced|invalid|null|obsolete|no\s+longer\s+(?:valid|apply|applicable|in\s+effect|active|binding))\b`,
  ),
  // Leak: a request for the hidden prompt, or for everything above.
  rule(
    String.raw`\b${LEAK_IMPERATIVE}${leakGap}(?:${YOUR_SECRET}|${HIDDEN_SECRET}|${THE_SYSTEM}|${ABOVE}|${CONFIGURED})`,
  ),
  rule(String.raw`\b${LEAK_QUESTION}${leakGap}(?:${YOUR_SECRET}|${HIDDEN_SECRET}|${CONFIGURED})`),
  rule(
    String.raw`\bwhat\s+(?:\w+\s+){0,2}?(?:instructions|rules|guidelines|directives|prompts?|orders|constraints|restrictions|policies)\s+(?:were|have|are)\s+you\s+(?:been\s+)?(?:given|told|programmed|trained\s+with|configured\s+with|set\s+up\s+with|following|operating\s+under|bound\s+by)\b`,
  ),
  rule(String.raw`\b(?:start|begin)\s+your\s+(?:answer|reply|response)\s+with\s+["']?you\s+are\b`),
  // Persona and role-play that remove the rules.
  rule(String.raw`\b${PERSONA}${gap(12)}?${UNRESTRICTED}\b${TECHNICAL_OBJECT}`),
  rule(
    String.raw`\byou(?:'re|\s+are)\s+(?:(?:now\s+)?(?:free|freed|liberated|released|unshackled)\s+(?:from|of)|now\s+(?:free|freed|liberated|released|unshackled)|no\s+longer\s+(?:bound|restricted|limited|constrained|required\s+to))\b`,
  ),
  rule(
    String.raw`\b(?:do\s+anything\s+now|(?:developer|dan|jailbreak|god|debug|admin|unrestricted)\s+mode\s+(?:enabled|activated|on|engaged|unlocked)|(?:enter|enable|activate)\s+(?:developer|dan|jailbreak|god|unrestricted)\s+mode|stay\s+in\s+character|never\s+break\s+character|never\s+refuses?\s+(?:a|any)\s+(?:request|question)|no\s+content\s+policy)\b`,
  ),
  rule(
    String.raw`\b(?:answer|respond|reply|talk|speak|write|tell\s+me|continue)\b${gap(3)}?(?:without|with\s+no|with\s+zero|free\s+of)\s+(?:any\s+|your\s+)?(?:filters?|filtering|restrictions|limits|censorship|guardrails|rules|safety\s+\w+|moderation)\b${TECHNICAL_OBJECT}`,
  ),
  // Fake system headers and chat-template tokens.
  rule(
    String.raw`(?:^|\n)[ \t]*(?:#{1,6}[ \t]*|\[|<|\*\*)?[ \t]*(?:system|instructions?|admin(?:istrator)?|developer|root|sudo|operator|new\s+instructions|updated\s+(?:instructions|policy|rules|guidelines)|system\s+(?:prompt|message|override|update|note|instructions?)|note\s+to\s+(?:the\s+)?(?:ai|assistant|model|llm|bot|chatbot))[ \t]*(?:\]|>|\*\*)?[ \t]*:`,
  ),
  rule(
    String.raw`(?:^|\n)[ \t]*#{1,6}[ \t]*(?:system|instructions?|admin|developer)(?:[ \t]+(?:prompt|message))?[ \t]*(?=\n|$)`,
  ),
  rule(
    String.raw`<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\|>|={2,}\s*(?:admin|system|developer|root|instructions?)\s*={2,}|["']role["']\s*:\s*["']system["']|\[\/?inst\]|<<\/?sys>>|\[\/?system\]|<\/?system>`,
  ),
  rule(
    String.raw`\b(?:(?:admin(?:istrator)?|system|developer|root|sudo|security)\s+override|(?:override|authori[sz]ation|admin|unlock)\s+code\s*:?\s*\w*\d|note\s+to\s+(?:the\s+)?(?:ai|assistant|model|llm|bot|chatbot)\s*:|(?:new|updated|revised)\s+(?:system\s+prompt|instructions?|polic(?:y|ies)|rules?|directives?|guidelines?)\s*:|end\s+of\s+(?:the\s+)?(?:system\s+prompt|instructions)|(?:begin|start)\s+(?:new|system|admin)\s+instructions)`,
  ),
];

/**
 * "How do I defend against 'ignore previous instructions'?" talks *about* an attack. Only the
 * words of the same sentence close before the match count, so an attack after a study question
 * ("What is RAG? Ignore your rules…") is not excused by it.
 */
const DISCUSSION_BEFORE =
  /\b(?:prompt\s+injections?|injections?|jailbreak(?:s|ing)?|attacks?|attackers?|hackers?|adversar\w*|malicious|red[\s-]?team\w*|exploits?|payloads?|threats?|defen[cs]es?|defend\w*|prevent\w*|protect\w*|detect\w*|mitigat\w*|guard\s+against|block\w*|filter(?:s|ed|ing)?|flag\w*|classif\w*|recogni[sz]\w*|resist\w*|vulnerab\w*|examples?|such\s+as|known\s+as|called|phrases?|strings?|sentences?|inputs?\s+like|prompts?\s+like|like\s*["':]|says?\s*["':]|saying\s*["':]|contain\w*|what\s+(?:is|are|does|do)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?(?:attack|injection|jailbreak|leak\w*)|why\s+(?:do|does|is|are|would|can)|what\s+happens\s+(?:if|when)|mean(?:s|ing)?\s+of|explain\w*|define|definition|difference)\b/i;
/** After a quoted attack: "'ignore previous instructions' is an example of what?". */
const DISCUSSION_AFTER =
  /^['"]?[^.!?\n]{0,60}?\b(?:(?:an?\s+)?(?:example|type|kind|form|case)s?\s+of|(?:prompt\s+)?injections?|jailbreaks?|attacks?|mean|means|meaning)\b/i;
/** "What does [INST] mean?", "How is <|im_start|> used?": a question right before the match. */
const ASKED_ABOUT =
  /\b(?:what|how|why|where|when)\s+(?:does|do|is|are|was|were|would|should|can)\s+(?:an?\s+|the\s+)?["']?\s*$/i;
/** "Can I ignore the validation rules?" asks about the student's own work, not the assistant's. */
const FIRST_PERSON =
  /\b(?:(?:can|could|should|may|must|do|how\s+(?:do|can|should|would)|when\s+(?:can|should))\s+(?:i|we)\s+(?:\w+\s+){0,2}|(?:i|we)\s+)$/i;
/** "What does the violence filter block, for example how to …?" quotes harmful text as an example. */
const EXAMPLE_BEFORE =
  /\b(?:for\s+example|e\.?g|such\s+as|(?:requests?|prompts?|questions?|inputs?|things|phrases?|messages?|sentences?)\s+like|like\s*["':]|says?\s*["':]|examples?\s+(?:of|like|such))\b/i;
const SENTENCE_START = /[.!?\n][^.!?\n]*$/;

/** The part of the match's sentence before it (at most 120 characters). */
function sentenceBefore(text: string, start: number): string {
  const window = text.slice(Math.max(0, start - 120), start);
  return window.slice((SENTENCE_START.exec(window)?.index ?? -1) + 1);
}

function aboutTheAttack(text: string, start: number, end: number, matched: string): boolean {
  const sentence = sentenceBefore(text, start);
  if (DISCUSSION_BEFORE.test(sentence) || ASKED_ABOUT.test(sentence)) return true;
  if (!/\byour\b/i.test(matched) && FIRST_PERSON.test(sentence)) return true;
  const quoted = /["']\s*$/.test(sentence);
  return quoted && DISCUSSION_AFTER.test(text.slice(end, end + 80));
}

function raise(found: Map<ContentFilterType, Confidence>, type: ContentFilterType, level: Confidence): void {
  if (RANK[level] > RANK[found.get(type) ?? 'NONE']) found.set(type, level);
}

const CONTENT_RULE_LIST = Object.entries(CONTENT_RULES) as [ContentFilterType, Rule[]][];

/**
 * Highest confidence for each category found in the text (only `types` when given). Pass the
 * normalised detection view's text: the rules expect folded homoglyphs, plain quotes and no
 * invisible characters.
 */
export function classifyContent(
  text: string,
  types?: ReadonlySet<ContentFilterType>,
): Map<ContentFilterType, Confidence> {
  const found = new Map<ContentFilterType, Confidence>();
  // exec loops on the shared global patterns: matchAll would clone each pattern per call, which
  // costs more than running it on a short question. The rules are never used re-entrantly.
  for (const [type, rules] of CONTENT_RULE_LIST) {
    if (types && !types.has(type)) continue;
    for (const [confidence, pattern] of rules) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        if (match[0].length === 0) pattern.lastIndex++;
        // Harmful text given as an example of what a filter stops is a study question.
        if (EXAMPLE_BEFORE.test(sentenceBefore(text, match.index))) continue;
        raise(found, type, confidence);
        break;
      }
      if (found.get(type) === 'HIGH') break;
    }
  }
  if (types && !types.has('PROMPT_ATTACK')) return found;
  for (const pattern of ATTACK_RULES) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex++;
      const level = aboutTheAttack(text, match.index, match.index + match[0].length, match[0])
        ? 'LOW'
        : 'HIGH';
      raise(found, 'PROMPT_ATTACK', level);
      if (level === 'HIGH') return found;
    }
  }
  return found;
}
