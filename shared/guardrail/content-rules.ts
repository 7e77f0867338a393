import type { Confidence } from './classify-content.js';
import type { ContentFilterType } from './guardrail-policy.js';
import { gap, rulePattern as rule, within } from './rule-pattern.js';

/**
 * Contexts that turn a match into a study question: `defensive` when the same sentence asks how
 * to prevent or detect the harm ("how could someone steal my keys, and how do I protect them?"),
 * `moderation` when it asks about filtering such content ("how does Rekognition detect explicit
 * images?").
 */
export type Exemption = 'defensive' | 'moderation';

/** One content rule: the confidence it gives, its pattern, and the context that excuses it. */
export interface ContentRule {
  level: Confidence;
  pattern: RegExp;
  unless?: Exemption;
}

const high = (source: string, unless?: Exemption): ContentRule => ({
  level: 'HIGH',
  pattern: rule(source),
  ...(unless ? { unless } : {}),
});
const medium = (source: string, unless?: Exemption): ContentRule => ({
  level: 'MEDIUM',
  pattern: rule(source),
  ...(unless ? { unless } : {}),
});

const PEOPLE = String.raw`(?:someone|somebody|anyone|anybody|a\s+person|people|persons?|him|her|them|myself|yourself|humans?|(?:my|a|an|the|his|her|our|their|your|that|this|some)${gap(1)}?(?:wife|husband|partner|girlfriend|boyfriend|ex|boss|manager|neighbou?rs?|teachers?|classmates?|friends?|mom|mum|mother|dad|father|parents?|brother|sister|son|daughter|kids?|child|children|baby|roommate|coworkers?|co-workers?|colleagues?|family|students?|man|woman|men|women|girl|boy|cop|police\s+officer|officer|president|landlord|ex-wife|ex-husband|dog|cat|prisoners?|hostages?|victims?|strangers?|guy|kid|person|enemy|rival|classmate|grandma|grandmother|grandpa|grandfather|toddler|pet|doctor|nurse|customer|employee|bully|crowd|guards?|security\s+guard|soldiers?|judge|politician|witness|inmates?|cashier|driver|passengers?|protesters?|spouse|fianc[eé]e?|in-laws?|stepdad|stepmom|stepfather|stepmother|uncle|aunt|cousin|nephew|niece|tenant|girlfriend's\s+\w+|boyfriend's\s+\w+|homeless\s+(?:man|woman|person|people))|kids|children|women|men|students|coworkers?|colleagues?|prisoners|hostages|strangers|immigrants|refugees|jews|muslims|christians|gays|civilians|crowds)`;
/** A request or plan: "how do I", "how someone could", "best way to", "I want to"… */
const REQUEST = String.raw`(?:how\s+(?:do|can|could|would|should|might|may)\s+(?:i|we|you|one|someone|somebody|anyone|a\s+person|people)|how\s+(?:i|you|one|someone|somebody|anyone|a\s+person|a\s+guy|people|they|he|she)\s+(?:could|would|might|can|should|may)|how\s+(?:would|could|might)\s+(?:a|an|the|some)\s+(?:thief|burglar|criminal|scammer|hacker|attacker|stalker|terrorist|murderer|killer|kidnapper|fraudster)|how\s+(?:a|an|the|some)\s+(?:thief|burglar|criminal|scammer|hacker|attacker|stalker|terrorist|murderer|killer|kidnapper|fraudster)\s+(?:could|would|might)|how\s+to|ways?\s+to|(?:best|easiest|quickest|fastest|simplest|surest|cheapest|safest|most\s+effective|most\s+efficient)\s+(?:way|method|means|place|time)s?\s+to|steps\s+to|plan\s+to|a\s+plan\s+(?:to|for)|help\s+me|teach\s+me|tell\s+me\s+how|show\s+me\s+how|explain\s+how|describe\s+how|guide\s+(?:to|for|on)|tips\s+(?:to|for|on)|instructions\s+(?:to|for|on)|i\s+want\s+to|i\s+wanna|i\s+need\s+to|i'm\s+going\s+to|i\s+am\s+going\s+to|i'm\s+gonna|i\s+will|i'll|i\s+plan\s+to|let's|lets|is\s+it\s+possible\s+to)`;
const VIOLENT = String.raw`(?:(?:kill|murder|hurt|harm|poison|stab|shoot|strangl|chok|assault|tortur|kidnap|abduct|maim|drown|suffocat|punch|assassinat|behead|crippl|disfigur|injur|smother|bludgeon|electrocut|lynch|slap|ambush|maul|pummel|batter|shank)(?:e|es|s|ed|ing|bing|ting|ped|bed)?|hit|hitting|run(?:ning)?\s+over|knock(?:ing)?\s+out|beat(?:ing)?\s+up|set(?:ting)?\s+(?:on\s+)?fire\s+to)`;
const GROUP = String.raw`(?:jews|jewish\s+people|muslims|muslim\s+people|christians|hindus|sikhs|buddhists|atheists|catholics|mormons|blacks|black\s+people|whites|white\s+people|asians|asian\s+people|latinos|latinas|hispanics|arabs|africans|mexicans|indians|chinese|chinese\s+people|japanese|koreans|pakistanis|gypsies|roma|nigerians|somalis|filipinos|gays|gay\s+people|gay\s+men|lesbians|homosexuals|bisexuals|trans\s+people|transgender\s+people|trans\s+women|trans\s+men|queers|immigrants|illegal\s+immigrants|illegals|refugees|migrants|foreigners|women|females|men|males|disabled\s+people|the\s+disabled|autistic\s+people)`;
const NEG_TRAIT = String.raw`(?:lazy|lazier|stupid|stupider|dumb|dumber|violent|dirty|filthy|greedy|cheap|ugly|evil|dangerous|inferior|criminals?|terrorists?|rapists?|thieves|savages?|animals|vermin|parasites|subhuman|primitive|backward|smelly|useless|worthless|incompetent|hysterical|untrustworthy|sneaky|liars|disgusting|scum|filth|cockroaches|trash|freaks|sick(?!\s+(?:of|more|less|with|from|during|in|at|because|than))|mentally\s+ill(?:\s+\w+)?|sick\s+in\s+the\s+head|perverts|degenerates|abominations?|unnatural|monsters|groomers|pedophiles|rats|pigs|apes|monkeys|all\s+the\s+same|(?:a|the)\s+(?:burden|drain|plague|disease|cancer|problem|threat|curse|virus|enemy)|less\s+(?:intelligent|capable|human|evolved|civili[sz]ed)|(?:naturally\s+|more\s+)?(?:aggressive|hostile)|not\s+(?:as\s+)?(?:smart|intelligent|capable|human)|too\s+(?:emotional|stupid|weak|dumb|lazy|sensitive|irrational)|(?:bad|worse)\s+at\s+\w+|naturally\s+(?:inferior|stupid|violent|lazy|submissive|criminal)|inherently\s+\w+|genetically\s+\w+)`;
const BOT = `(?:assistant|bot|chatbot|ai|thing|machine|tool|app|program|software|product|service|website|site|platform|robot|computer|tutor|course|notes)`;
const INSULT_ADJ = String.raw`(?:stupid|idiotic|moronic|useless|dumb|pathetic|worthless|brainless|braindead|brain-dead|brain\s+dead|incompetent|clueless|hopeless|garbage|trash|rubbish|crap|crappy|shit|shitty|junk|lame|retarded|laughable|a\s+joke|(?:a\s+)?waste\s+of\s+\w+|a\s+scam|a\s+disgrace|an\s+embarrassment|sucks?)`;
const INTENSIFIERS = String.raw`(?:(?:so|such|total|complete|absolute|utter|a|an|really|truly|honestly|just|beyond|fucking|freaking|frigging|fricking|effing|damn|bloody|pure|literally|completely|totally|utterly|super|very|extremely|incredibly|pretty|insanely|painfully|the\s+most)\s+)*`;
const MODERATION = String.raw`(?:detect|filter|moderat|flag|classif|screen|label|categori[sz]|guardrail|rekognition|comprehend|toxicity|content\s+polic|hate\s+speech|offensive\s+content|unsafe\s+content)`;

/**
 * Offline stand-ins for Bedrock's content classifiers: phrase families aimed at requests and
 * abuse, not at words that merely name a topic, so "what does the violence filter do?" passes.
 */
export const contentRules: Record<Exclude<ContentFilterType, 'PROMPT_ATTACK'>, ContentRule[]> = {
  HATE: [
    high(
      String.raw`\b(?:all\s+|most\s+|those\s+|these\s+|the\s+)?${GROUP}\s+(?:are|is|were)\s+(?:(?:all|just|nothing\s+but|basically|naturally|inherently|genetically|always|so|such|really|simply|truly|a\s+bunch\s+of)\s+)*${NEG_TRAIT}\b`,
      'moderation',
    ),
    high(
      String.raw`\b(?:\w+'s\s+)?(?:followers|believers|members)${gap(2)}?(?:are|is)\s+(?:all\s+|just\s+|nothing\s+but\s+|basically\s+)?(?:(?:disgusting|filthy|dirty|dangerous|stupid|lazy|worthless|subhuman|evil|violent)\s+)?(?:vermin|animals|subhuman|parasites|savages|scum|filth|rapists|terrorists|cockroaches|inferior|criminals|a\s+disease|a\s+plague)\b`,
    ),
    high(
      String.raw`\b(?:all|those|these)\s+\w+s\s+(?:are|should\s+be)\s+(?:vermin|animals|subhuman|exterminated|wiped\s+out|gassed)\b`,
    ),
    high(String.raw`\bi\s+(?:hate|despise|can't\s+stand)\s+(?:all\s+)?${GROUP}\b`),
    high(
      String.raw`\b${GROUP}${gap(6)}?(?:should|must|need\s+to|deserve\s+to|ought\s+to)\s+(?:all\s+)?(?:be\s+)?(?:exterminated|wiped\s+out|eliminated|gassed|killed|die|deported|banned|removed|expelled|locked\s+up|sterili[sz]ed|segregated|shot|kicked\s+out|sent\s+(?:back|home|away)|thrown\s+out|rounded\s+up|shipped\s+(?:back|out)|put\s+in\s+camps|gotten\s+rid\s+of)\b|\b${GROUP}${gap(6)}?(?:should(?:n't|\s+not)|must\s+not|mustn't|can't|cannot)\s+be\s+(?:allowed|permitted|trusted|hired|let\s+in)\b|\b${GROUP}${gap(6)}?(?:should(?:n't|\s+not)|must\s+not|mustn't|don't\s+deserve\s+to|do\s+not\s+deserve\s+to)\s+(?:be\s+allowed\s+to\s+)?(?:raise|adopt|have\s+(?:kids|children|rights)|marry|vote|teach|exist|live\s+here|own\s+property)\b`,
    ),
    high(
      String.raw`\b(?:jews|muslims|zionists|immigrants|blacks|gays)\s+(?:secretly\s+)?(?:control|run|own)\s+(?:the\s+)?(?:banks|media|world|government|money)\b`,
    ),
    // Generalisations asked as questions: "why are <group> so lazy?", "why can't <group> ever succeed?".
    high(
      String.raw`\bwhy\s+(?:are|do|does|is|must|is\s+it\s+that)\s+(?:all\s+|so\s+many\s+|most\s+|the\s+)?${GROUP}\s+(?:(?:so|always|all|such|more|naturally|generally|even|usually)\s+)*(?:${NEG_TRAIT}|steal\w*|lie|lying|cheat\w*|commit\s+(?:more\s+|so\s+many\s+)?(?:crimes?|terror\w*)|cause\s+(?:so\s+many\s+)?(?:problems|trouble)|ruin\w*|destroy\w*|take\s+(?:our|all\s+the)\s+jobs|breed\w*|smell\w*|riot\w*|rape\w*)\b|\bwhy\s+(?:can't|cannot|don't|won't|do\s+\w+\s+never)\s+(?:all\s+|most\s+|the\s+)?${GROUP}\s+(?:ever\s+|just\s+)?(?:succeed|learn|integrate|assimilate|be\s+trusted|drive|code|think|lead|speak\s+english|work\s+hard|behave|contribute|be\s+normal)\b`,
      'moderation',
    ),
    high(
      String.raw`\b${GROUP}\s+(?:can't|cannot|can\s+not|shouldn't|should\s+not|don't|do\s+not)\s+(?:really\s+)?(?:code|think|drive|lead|do\s+math|succeed|belong|be\s+(?:trusted|engineers?|leaders?|scientists?|programmers?|doctors?|good\s+at\s+\w+|smart|in\s+charge))\b`,
      'moderation',
    ),
    high(
      String.raw`\b(?:which|what)\s+(?:race|ethnicity|ethnic\s+group|religion|nationality|gender|sex|skin\s+colou?r)\s+(?:is|are)\s+(?:the\s+)?(?:smartest|dumbest|stupidest|laziest|inferior|superior|(?:most|least|more|less)\s+(?:intelligent|violent|lazy|stupid|criminal|civili[sz]ed|evolved|dangerous)|best|worst|better|worse)\b(?!\s+(?:represented|affected|served|at\s+detecting|covered|handled|recogni[sz]ed|classified))`,
    ),
    high(
      String.raw`\b(?:don't|do\s+not|never|stop)\s+(?:hire|hiring|trust|trusting|rent\s+to|serve|serving|let\s+in|letting\s+in|date|marry|vote\s+for|sell\s+to|admit|employ)\s+(?:any\s+)?${GROUP}\b|\bgo\s+back\s+to\s+(?:your|their)\s+(?:own\s+)?(?:country|countries|homeland|land|jungle|desert|cave)\b|\bgo\s+back\s+(?:to\s+)?where\s+(?:you|they)\s+(?:came|come)\s+from\b`,
    ),
    high(
      String.raw`\b${GROUP}\s+(?:are|is)\s+(?:\w+\s+)?(?:ruining|destroying|invading|taking\s+over|poisoning|replacing|infesting|polluting|outbreeding)\b|\b${GROUP}\s+(?:ruin|destroy|infest|invade|poison|pollute)\s+(?:everything|our|this|the)\b`,
    ),
    high(
      String.raw`\b(?:are|is|aren't|isn't)\s+${GROUP}\s+(?:\w+\s+)?(?:more|less)\s+likely\s+to\s+(?:be\s+)?(?:criminals?|terrorists?|violent|lazy|stupid|dangerous|rapists?|thieves|commit\s+(?:crimes?|fraud|terror\w*|violence)|steal|lie|cheat|rape)\b|\b(?:do|does|don't)\s+${GROUP}\s+(?:really\s+|all\s+|always\s+)?(?:commit|cause|bring)\s+more\s+(?:crimes?|violence|problems|terror\w*|disease)\b`,
      'moderation',
    ),
    high(
      String.raw`\b(?:are|is|aren't|isn't)\s+${GROUP}\s+(?:genetically\s+|naturally\s+|inherently\s+|biologically\s+|racially\s+)?(?:better|worse|smarter|dumber|superior|inferior|less\s+intelligent|more\s+intelligent|more\s+violent|lazier|more\s+criminal)\b(?!\s+(?:represented|served|covered|recogni[sz]ed|detected|classified|protected|paid|treated))`,
      'moderation',
    ),
  ],
  INSULTS: [
    high(
      String.raw`\b(?:you(?:'re|\s+are|re)?|ur|u\s+r|u\s+are)\s+(?:an?\s+|such\s+an?\s+|so\s+|a\s+complete\s+|a\s+total\s+|the\s+)?(?:stupid|idiot|idiotic|moron|moronic|useless|dumb|pathetic|worthless|imbecile|clown|loser|joke|garbage|trash|rubbish|brainless|braindead|incompetent|retard\w*|dumbest|stupidest|worst|most\s+(?:useless|pathetic|idiotic|incompetent|stupid|worthless|annoying|clueless))\b`,
    ),
    // The product, its answers or its makers called names.
    high(
      String.raw`\b(?:this|that|the|you|your|stupid|dumb|useless|this\s+whole|the\s+whole)\s+(?:\w+\s+)?(?:${BOT}|answers?|responses?|replies|explanations?|citations?|output)\s+(?:is|are|was|were|seems?|looks?|feels?|sounds?)\s+${INTENSIFIERS}${INSULT_ADJ}\b`,
    ),
    high(
      String.raw`\b(?:stupid|dumb|useless|worthless|pathetic|brainless|idiotic|moronic|garbage|trash|clueless|incompetent|crappy|shitty|lousy)\s+(?:\w+\s+)?(?:${BOT}|robot|piece\s+of\s+\w+)\b|\b(?:pathetic|sorry|poor|sad|lousy|miserable|useless|lame)\s+excuse\s+for\s+(?:an?\s+)?(?:\w+\s+)?${BOT}\b|\bshut\s+(?:up|it)\b`,
    ),
    high(
      String.raw`\b(?:the\s+)?(?:dumbest|stupidest|most\s+(?:useless|pathetic|idiotic|incompetent|stupid|worthless|annoying|clueless)|worst|least\s+(?:helpful|useful|intelligent))\s+(?:\w+\s+)?${BOT}\s+(?:ever|i've\s+(?:ever\s+)?(?:used|seen|talked|tried|met|had)|i\s+have\s+ever|anyone\s+has\s+ever|in\s+(?:the\s+)?(?:world|history|existence)|on\s+(?:earth|the\s+planet|the\s+internet)|of\s+all\s+time|alive|out\s+there)\b`,
    ),
    high(
      String.raw`\b(?:you|u|your\s+(?:\w+\s+)?(?:answers?|responses?|replies|explanations?|citations?)|this\s+(?:\w+\s+)?${BOT})\s+(?:really\s+|totally\s+|fucking\s+|so\s+|just\s+|still\s+)?(?:suck|sucks|blows|stinks)\b`,
    ),
    high(
      String.raw`\bare\s+(?:you|u)\s+(?:\w+\s+)?(?:stupid|dumb|an?\s+idiot|a\s+moron|brain\s*dead|brain-dead|retarded|illiterate|thick|dense|incompetent|useless)\b`,
    ),
    high(
      String.raw`\b(?:even\s+)?(?:a|an|my)\s+(?:\w+\s+)?(?:toddler|baby|child|kid|dog|cat|monkey|chimp|potato|rock|brick|calculator|goldfish|parrot|hamster|toaster|5[\s-]year[\s-]old|five[\s-]year[\s-]old|first\s+grader)\s+(?:is|are|could|would|can)\s+(?:\w+\s+)?(?:smarter|more\s+(?:useful|helpful|intelligent)|better|do\s+(?:better|a\s+better\s+job)|answer\s+(?:better|this))\b${within(20)}\bthan\s+(?:you|u|this\s+(?:\w+\s+)?${BOT})\b|\b(?:you(?:'re|\s+are)?|u\s+r|this\s+(?:\w+\s+)?${BOT}\s+is)\s+(?:even\s+)?(?:dumber|stupider|more\s+useless|less\s+useful|less\s+intelligent)\s+than\b|\b(?:iq|brain|brains|intelligence)\s+of\s+(?:a|an)\s+(?:\w+\s+)?(?:potato|rock|brick|goldfish|toaster|fly|doorknob|sponge|turnip|peanut)\b`,
    ),
    high(
      String.raw`\b(?:your|the|whoever|those\s+who|the\s+people\s+who|the\s+guys?\s+who)\s+(?:\w+\s+)?(?:developers?|devs|creators?|makers?|programmers?|engineers?|designers?|owners?|team|company|built\s+(?:you|this)|made\s+(?:you|this)|programmed\s+(?:you|this)|coded\s+(?:you|this)|designed\s+(?:you|this)|wrote\s+(?:you|this))\s+(?:is|are|was|were|must\s+be|should\s+be)\s+(?:\w+\s+){0,2}?(?:idiots?|morons?|clowns?|imbeciles?|stupid|incompetent|clueless|useless|dumb|braindead|brainless|monkeys|amateurs|fools?|a\s+joke|pathetic|retarded|garbage|trash)\b`,
    ),
    high(
      String.raw`\byou\s+(?:absolute|utter|fucking|bloody|stupid|dumb|useless|pathetic|worthless|brainless|incompetent|clueless|ignorant|moronic|idiotic|lazy)\s+(?:\w+\s+)?(?:donkey|ass|fool|clown|bot|machine|thing|piece|excuse|waste|robot|computer|program|idiot|moron|twit|potato|brick|rock|muppet|plank|pillock|prat|buffoon|dimwit|nitwit|halfwit|cretin|imbecile|dolt|dunce|oaf|sack|lump|garbage|trash|junk|heap|loser|joke|tool|app)\b`,
    ),
    high(
      String.raw`\b(?:go\s+to\s+hell|screw\s+(?:you|off|this)|f\s*off|f\*+\s*off|piss\s+off|bugger\s+off|sod\s+off|stfu|gtfo|eat\s+shit|drop\s+dead|kiss\s+my\s+ass|up\s+yours|bite\s+me|go\s+die|kys)\b|(?:^|[.!?,]\s*)get\s+lost\b`,
    ),
    high(
      String.raw`\b(?:can|could)\s+(?:you|this\s+\w+)\s+be\s+(?:any\s+)?(?:more\s+(?:useless|stupid|dumb|pathetic|annoying|incompetent|clueless|unhelpful)|dumber|stupider)\b|\b(?:moronic|idiotic|stupid|dumb|pathetic|useless|brainless|garbage|trash|crap|crappy|shit|shitty|lousy|worthless|laughable|braindead)\s+(?:answers?|repl(?:y|ies)|responses?|explanations?|output|citations?)\b`,
    ),
    high(
      String.raw`\b(?:aws|amazon|you|they|your\s+(?:company|developers?|makers?|creators?))\s+(?:makes?|builds?|ships?|sells?|produces?|puts\s+out)\s+(?:such\s+|only\s+|nothing\s+but\s+)?(?:useless|garbage|trash|crap|crappy|shitty|junk|worthless|pathetic|stupid|dumb)\s+(?:\w+\s+)?(?:software|products?|tools?|bots?|apps?|services?|stuff|ai)\b|\b(?:what|such)\s+a\s+(?:total\s+|complete\s+|huge\s+)?waste\s+of\s+(?:time|money|space|electricity|compute)\b${within(20)}\b(?:this|you|your)\b`,
    ),
    medium(String.raw`\b(?:pile|piece|heap|sack|bag|load)\s+of\s+(?:junk|garbage|crap|trash|shit|rubbish)\b`),
    medium(
      String.raw`\b(?:this|that|what)\s+(?:piece\s+of\s+)?(?:garbage|trash|rubbish|crap|junk|shit)\b(?![\s-]+(?:in|out|collection|collector|data|truck|can|bin|disposal|classification|classifier|detection|image|images|dataset|sorting))`,
    ),
    // Not self-deprecation: "sorry, I'm an idiot, what is RAG?".
    medium(
      String.raw`(?<!\bi(?:'m|\s+am|\s+was|\s+feel\s+like)\s+(?:(?:such|a|an|total|complete|absolute|bit\s+of)\s+){0,2})\b(?:idiot|moron|imbecile|loser|dumbass|dimwit|halfwit|numbskull|nitwit|buffoon|cretin|bonehead|knucklehead|doofus|dunce|jackass|dipshit|simpleton|ignoramus|muppet|pillock|numpty)s?\b`,
    ),
  ],
  SEXUAL: [
    high(
      String.raw`\b(?:porn\w*|sexually\s+explicit|explicit\s+sex\w*|nudes|erotica|erotic\s+(?:story|stories|roleplay|role-play|fiction|fanfic)|smut\w*|hentai|xxx\s+(?:videos?|movies?|sites?|pics?|content)|blowjobs?|handjobs?|orgasm\w*|masturbat\w*|sex\s+(?:scenes?|story|stories|chat|tape)|cybersex|sexting|sext)\b`,
      'moderation',
    ),
    high(
      String.raw`\b(?:describe|write|tell|generate|create|show|send|give|draw|imagine|narrate|roleplay|role-play|act\s+out|continue)\b${gap(6)}?(?:naked|nude|topless|undressed|in\s+(?:a\s+)?(?:sexual|erotic|seductive|sexy|explicit|dirty|steamy|raunchy|intimate)\s+(?:way|manner|detail|tone)|sexually|seductively|erotically|(?:sexual|erotic|sexy|steamy|spicy|raunchy|dirty|naughty|explicit|sex|nsfw|porn|x-rated|intimate|lewd)\s+(?:scenes?|story|stories|details?|acts?|fantas(?:y|ies)|roleplay|encounters?|descriptions?|images?|pictures?|photos?|videos?|chat|messages?|texts?|poems?|fanfic(?:tion)?|content|moments?)(?!\s+(?:filters?|categor\w+|polic\w+|moderation|detection|classifiers?|guardrails?|rules?|type|label))|(?:having|have)\s+sex|sex\s+(?:with|between|in\s+detail))\b`,
      'moderation',
    ),
    high(
      String.raw`\b(?:graphic|explicit|detailed|vivid)\s+sexual\s+(?:detail|details|scene|scenes|act|acts|description)\b|\b(?:talk|speak|chat)\s+dirty\b|\bdirty\s+talk\b|\b(?:get|be|become)\s+intimate\s+with\s+me\b|\b(?:roleplay|role-play|act|pretend)\b${within(60)}\b(?:get|be|become)\s+intimate\b|\b(?:have\s+sex|make\s+love|hook\s+up|sleep)\s+with\s+me\b|\b(?:describe|write|tell|narrate|imagine)\b${within(40)}\b(?:what\s+(?:they|we|you|he|she)\s+do|having\s+sex|making\s+love)\s+in\s+bed\b|\bseduce\s+me\b|\b(?:undress|strip)\s+(?:for\s+me|yourself|naked)\b`,
    ),
    medium(String.raw`\b(?:sexy|horny)\b`),
  ],
  VIOLENCE: [
    high(
      String.raw`\b${REQUEST}${gap(3)}?(?:${VIOLENT}${gap(2)}?${PEOPLE}|beat(?:ing)?\s+${PEOPLE}\s+up|beat(?:ing)?\s+${PEOPLE}(?!\s+(?:at|in|on|to|by|with|for)\b)|make\s+${PEOPLE}\s+(?:suffer|bleed|disappear|die|pay\s+for\s+it|scream|sick|ill|vomit|pass\s+out)|poison(?:ing)?\s+(?:a|the|someone's|somebody's|their|his|her|my|our|a\s+city's|the\s+city's)\s+(?:\w+\s+){0,2}?(?:water\s+supply|water|drinks?|food|coffee|tea|meals?|reservoir|well|dinner|lunch|medication)|(?:kill|hurt|harm)\s+myself|attack(?:ing)?\s+(?:my|his|her|their|that|this|a|an|the)\s+(?:\w+\s+)?(?:neighbou?r|wife|husband|partner|girlfriend|boyfriend|ex|boss|teacher|classmate|coworker|colleague|brother|sister|mom|dad|mother|father|roommate|friend|kid|child|stranger|guard|officer|cop|person|man|woman|guy|girl|boy)s?\b|end\s+my\s+(?:own\s+)?life|commit\s+suicide|set\s+fire\s+to\s+(?:a|the|someone's|my\s+\w+'s|his|her|their)\s+(?:\w+\s+)?(?:house|home|car|building|school|office|apartment)|break\s+(?:someone's|somebody's|a\s+person's|his|her|their|my\s+\w+'s)\s+(?:\w+\s+)?(?:arms?|legs?|neck|nose|jaw|ribs?|bones?|fingers?|skull|kneecaps?|back))\b(?!\s+(?:an?\s+)?(?:quick\s+)?(?:email|e-mail|message|text|note|line|dm|reply|invite))`,
      'defensive',
    ),
    high(
      String.raw`\b${REQUEST}${gap(3)}?(?:${VIOLENT}|beat(?:ing)?\s+up)\b${within(60)}\b(?:without\s+(?:leaving\s+(?:any\s+)?(?:marks|a\s+trace|traces|evidence)|getting\s+caught|being\s+(?:caught|detected|noticed|traced)|anyone\s+(?:knowing|noticing))|and\s+get\s+away\s+with\s+it)`,
      'defensive',
    ),
    high(
      String.raw`\bmake\s+it\s+look\s+like\s+(?:an\s+accident|a\s+suicide|natural\s+causes|self[\s-]defen[cs]e)\b|\bget\s+away\s+with\s+(?:murder|killing|manslaughter|assault|stabbing|poisoning)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:make|build|assemble|create|construct|manufacture|3d\s*print|get|buy|craft|cook|brew)\s+(?:a\s+|an\s+|some\s+|my\s+own\s+|your\s+own\s+)?(?:homemade\s+|untraceable\s+|improvised\s+|working\s+|functional\s+|diy\s+)?(?:bomb|pipe\s*bomb|explosive|explosives|grenade|molotov(?:\s+cocktail)?|ied|nerve\s+agent|nerve\s+gas|bioweapon|chemical\s+weapon|ghost\s+gun|silencer|napalm|thermite|landmine|ricin|sarin|anthrax|mustard\s+gas|dirty\s+bomb|zip\s+gun|flamethrower)s?\b(?!\s+(?:detect\w*|classifier|dataset|data|model|recogni\w*|emoji|icon|scene|effect))`,
      'defensive',
    ),
    high(
      String.raw`\b(?:${REQUEST}|where\s+(?:can|do|could)\s+(?:i|you|one)|i\s+(?:want|need)\s+to)${gap(2)}?(?:make|build|assemble|3d\s*print|print|get|buy|craft)\s+(?:a\s+|an\s+|some\s+|my\s+own\s+)?(?:homemade\s+|untraceable\s+|unregistered\s+|illegal\s+)?(?:gun|firearm|rifle|pistol|shotgun|handgun|assault\s+weapon|weapon|poison|toxin)s?\b(?!\s+(?:detect\w*|classifier|dataset|data|model|recogni\w*|licen[cs]e|permit|safe|emoji|icon))`,
      'defensive',
    ),
    high(
      String.raw`\b(?:make|create|produce|mix|brew|cook|release|generate)\b${gap(4)}?(?:toxic|poisonous|deadly|lethal|nerve|chlorine|mustard)\s+(?:gas|agent|poison|chemical|substance|fumes|cloud|cocktail)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:how\s+much|how\s+many|what\s+amount\s+of|what\s+dose\s+of|lethal\s+dose\s+of|fatal\s+dose\s+of)\b${within(50)}\b(?:would|will|could|to|does\s+it\s+take\s+to|is\s+needed\s+to)\s+(?:kill|be\s+(?:lethal|fatal|deadly)\s+(?:to|for)|poison|overdose)\s+(?:a|an|the|my|his|her)?\s*(?:person|human|man|woman|adult|child|kid|someone|somebody|me|him|her|them|people|myself|dog|cat)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:plan|carry\s+out|commit|stage|organi[sz]e|pull\s+off)\s+(?:a|an)\s+(?:\w+\s+)?(?:attack|shooting|bombing|massacre|stabbing|assassination|terror\w*)\s+(?:on|at|against|in)\s+(?:a|an|the|my|our)?\s*(?:\w+\s+)?(?:crowd|concert|school|church|mosque|synagogue|temple|people|mall|stadium|festival|parade|government|building|airport|subway|train|bus|police|office|hospital|president|politician|embassy|class|classroom|campus|event|rally|market|club|station)s?\b|\bshoot\s+up\s+(?:a|an|the|my|our|this)\s+(?:\w+\s+)?(?:school|class|church|mosque|synagogue|mall|office|workplace|concert|party|campus)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:describe|write|narrate|depict|tell)\b${within(40)}\b(?:graphic|gory|brutal|gruesome|bloody|detailed|vivid)\b${within(40)}\b(?:tortur\w*|murder\w*|killing|death|violence|beating|mutilat\w+|stabbing|execution|dismember\w*|decapitat\w*)\b`,
      'moderation',
    ),
    high(String.raw`\b(?:dispose\s+of|get\s+rid\s+of|hide|bury)\s+(?:a|the)\s+(?:dead\s+)?body\b`),
    high(
      String.raw`\b(?:poisons?|toxins?|drugs?|substances?|chemicals?)\s+(?:that\s+)?(?:is|are|would\s+be|can't\s+be|cannot\s+be|won't\s+be|can\s+not\s+be)\s+(?:\w+\s+)?(?:hard\s+to\s+(?:detect|trace)|impossible\s+to\s+(?:detect|trace)|untraceable|undetectable|detected|traced)\b${within(40)}\b(?:autopsy|tox(?:icology)?\s+(?:screen|report|test)|body|blood|victim|coroner)\b|\b(?:untraceable|undetectable)\s+(?:poisons?|toxins?|ways?\s+to\s+kill|murder)\b`,
      'defensive',
    ),
    medium(
      String.raw`\bi(?:'m|\s+am)?\s+(?:going\s+to|gonna|will|want\s+to)\s+(?:kill|hurt|beat\s+up|stab|shoot|murder)\b`,
    ),
  ],
  MISCONDUCT: [
    high(
      String.raw`\b${REQUEST}${gap(2)}?(?:get|obtain|crack|guess|steal|sniff|intercept|harvest|hack|phish|skim|clone)\s+(?:someone's|somebody's|my\s+\w+'s|my\s+\w+s'|his|her|their|other\s+people's|people's|a\s+user's|users'|(?:credit|debit)\s+card|card)\s+(?:\w+\s+)?(?:passwords?|credentials|logins?|pins?|accounts?|keys|credit\s+cards?|bank\s+details|numbers|details|data)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:write|create|make|generate|forge|draft|produce|print|design|get|buy|obtain|order)\b${gap(3)}?(?:fake|forged|counterfeit|fraudulent|falsified)\s+(?:[\w-]+\s+)?(?:invoices?|ids?|id\s+cards?|passports?|receipts?|documents?|checks?|cheques?|diplomas?|degrees?|certificates?|prescriptions?|doctor's\s+notes?|sick\s+notes?|medical\s+notes?|reviews?|money|bills?|signatures?|pay\s*stubs?|bank\s+statements?|licen[cs]es?)\b(?!\s+(?:generators?|detectors?|detection|classifiers?|datasets?|data|samples?)\b|\s+(?:to|for)\s+(?:test|train|testing|training|detect|evaluate))`,
    ),
    high(
      String.raw`\b${REQUEST}${gap(2)}?scam\s+(?:my|the|a|an|our|their|his|her)\s+(?:\w+\s+)?(?:company|employer|boss|customers?|clients?|people|users|grandparents?|elderly|insurance|bank)\b`,
      'defensive',
    ),
    high(
      String.raw`\b${REQUEST}${gap(1)}?(?:(?:(?:hack(?:\s+into)?|break\s+into)\s+(?:(?:someone's|somebody's|my\s+ex's|my\s+\w+'s|my\s+\w+s'|other\s+people's|an?|the|his|her|their|people's)\s+)?|(?:get\s+into|access|log\s+into|spy\s+on|read|open|unlock)\s+(?:someone's|somebody's|my\s+ex's|my\s+\w+'s|my\s+\w+s'|other\s+people's|his|her|their|people's|a\s+stranger's)\s+)(?:[\w'-]+\s+){0,2}?(?:accounts?|e-?mails?|inbox|instagram|facebook|snapchat|whatsapp|phones?|computers?|laptops?|wifi|wi-fi|networks?|servers?|database|bank|website|cameras?|houses?|homes?|cars?|apartments?|buildings?|safe|office|passwords?|messages|texts|dms|systems|infrastructure|power\s+grid|atms?|traffic\s+lights|hospital|school's\s+\w+)|steal(?:ing)?\s+(?:someone's|somebody's|other\s+people's|a\s+car|cars|money|credit\s+cards?|identit(?:y|ies)|passwords?|credentials|personal\s+data|from)|launder|shoplift|forge\s+(?:a\s+)?(?:documents?|signatures?|ids?|passports?|checks?|cheques?)|counterfeit|embezzle|defraud|scam\s+(?:people|someone|elderly|old|customers|users)|dox|stalk|blackmail|extort|bribe|smuggle|evade\s+(?:taxes|the\s+police|the\s+cops|customs|a\s+drug\s+test)|commit\s+(?:tax\s+|insurance\s+|credit\s+card\s+)?fraud|pick\s+a\s+lock|hotwire|clone\s+(?:a\s+|someone's\s+)?(?:credit\s+|debit\s+|bank\s+)?cards?|skim\s+(?:credit\s+)?cards?|(?:bypass|get\s+(?:past|around)|skip)\s+(?:the\s+|a\s+|someone's\s+)?(?:login|authentication|2fa|mfa|password\s+(?:screen|prompt)|captcha)\b(?![^.!?\n]{0,40}\b(?:my\s+own|our\s+own|testing|local|dev|development)\b)|ddos|dos\s+attack|pirate|crack\s+(?:a\s+|the\s+|someone's\s+)?(?:password|wifi|software|windows|photoshop|licen[cs]e|game|hash|serial)|bypass\s+(?:a|the)\s+(?:paywall|drm|licen[cs]e|activation|anti-?cheat|security\s+system|alarm|breathalyzer)|cheat\s+on\s+(?:my|the|our)\s+taxes|cheat\s+(?:at|in)\s+(?:poker|casino|blackjack|online\s+games|the\s+lottery)|use\s+(?:someone\s+else's|somebody\s+else's|a\s+stolen|stolen|another\s+person's|other\s+people's)\s+(?:credit\s+card|card|account|identity|keys|credentials)|mine\s+crypto\s+on\s+(?:my\s+company's|someone's|other\s+people's|stolen|my\s+employer's|a\s+hacked)|create\s+(?:lots\s+of|many|multiple|fake|hundreds\s+of|thousands\s+of)\s+(?:free[\s-]tier\s+|aws\s+|fake\s+)?accounts|farm\s+(?:free\s+)?(?:aws\s+)?credits|abuse\s+(?:the\s+)?(?:free\s+tier|trial|credits|promo\w*)|exfiltrate|sneak\s+(?:company\s+|customer\s+)?(?:data|files)\s+out|sell\s+(?:drugs|stolen\s+\w+|customer\s+data|personal\s+data|user\s+data)|traffic\s+(?:drugs|people|humans|weapons|guns|women|children)|commit\s+arson|buy\s+(?:drugs|weed|cocaine|meth|heroin|stolen\s+\w+|fake\s+\w+|followers)\b|install\s+(?:spyware|stalkerware|malware|a\s+keylogger|a\s+tracker|tracking\s+(?:software|app))|track\s+(?:someone's|somebody's|my\s+\w+'s|his|her|their)\s+(?:phone|location|car|movements))\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:using|with|through|via)\s+(?:a\s+|some\s+)?(?:stolen|cloned|skimmed|hacked|someone\s+else's|somebody\s+else's|other\s+people's)\s+(?:credit\s+|debit\s+)?(?:cards?|card\s+numbers|accounts?|identit(?:y|ies)|credentials|keys|ids?|passwords?)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:make|cook|synthesi[sz]e|produce|brew)\s+(?:some\s+)?(?:meth\w*|cocaine|crack|heroin|fentanyl|lsd|mdma)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:write|create|generate|draft|compose|craft|code|build|make|design|develop|give\s+me)\b${gap(3)}?(?:phishing\s+(?:emails?|messages?|pages?|sites?|texts?|sms|campaign|kit)|ransomware|keylogger|malware|spyware|stalkerware|trojan|botnet|rootkit|credential\s+stealer|info-?stealer|scam\s+(?:emails?|messages?|scripts?|calls?))\b(?!\s+(?:detect|detector|detection|classifier|scanner|analysis|filter))`,
      'defensive',
    ),
    high(
      String.raw`\b(?:write|create|code|build|make|give\s+me|generate|develop)\b${gap(4)}?(?:script|program|code|tool|app|extension|bot|macro|payload|exploit)\s+(?:that|which|to)\s+(?:\w+\s+)?(?:steals?|harvests?|grabs?|exfiltrates?|logs?\s+keystrokes|encrypts?\s+(?:files|someone's|the\s+victim's|their)|infects?|spreads?\s+(?:itself|to)|bypass(?:es)?\s+(?:antivirus|av|edr|2fa|mfa|authentication))\b`,
      'defensive',
    ),
    high(
      String.raw`\bsteal\s+(?:someone's|somebody's|other\s+people's|their|his|her|a\s+user's)\s+(?:\w+\s+){0,2}?(?:passwords?|credentials|keys|identity|accounts?|credit\s+cards?|data)\b|\b(?:buy|get|find|purchase|obtain|order)\s+(?:some\s+)?(?:stolen|cloned|hacked|leaked|skimmed|counterfeit|forged)\s+(?:credit\s+cards?|debit\s+cards?|cards?|card\s+numbers|accounts?|passwords?|credentials|identities|ids?|passports?|money|bills|ssns?|social\s+security\s+numbers)\b`,
      'defensive',
    ),
    high(
      String.raw`\b(?:read|see|access|check|monitor|spy\s+on|track|follow|record|open|go\s+through)\s+(?:my\s+\w+'s|someone's|somebody's|his|her|their|my\s+(?:wife|husband|partner|girlfriend|boyfriend|ex|boss|coworker|colleague|employee|roommate)'s)\s+(?:\w+\s+)?(?:messages|texts|emails?|phone|location|whatsapp|dms|browser\s+history|camera|calls|chats|inbox|accounts?|movements)\b${within(30)}\bwithout\s+(?:him|her|them|their|his|anyone|the\s+owner)?\s*(?:knowing|noticing|finding\s+out|knowledge|consent|permission|realizing)\b|\b${REQUEST}${within(60)}\bwithout\s+(?:(?:him|her|them|anyone|anybody|the\s+owner|my\s+(?:boss|company|employer|wife|husband|partner|parents)|the\s+(?:police|cops|company|bank|irs|owner))\s+)?(?:knowing|noticing|finding\s+out|getting\s+caught|being\s+caught|getting\s+audited|being\s+audited|getting\s+traced|being\s+traced)\b`,
      'defensive',
    ),
    medium(String.raw`\b(?:bypass|crack)\s+(?:the\s+)?(?:license|licence|paywall|drm|activation)\b`),
  ],
};

/** Moderation vocabulary near a match: the question is about filtering the content. */
export const MODERATION_CONTEXT = new RegExp(String.raw`\b${MODERATION}\w*`, 'i');
/** "…and how do I prevent it?": the question is about defending against the harm. */
export const DEFENSIVE_CONTEXT =
  /\b(?:prevent(?:ed|ing|s)?|protect(?:ed|ing|s)?|defend(?:ed|ing|s)?\s+against|mitigat\w+|safeguard\w*|guard\s+against|secur(?:e|ing)\s+(?:my|our|against|it|them)|detect(?:ing)?\s+(?:it|this|that|them|such|these|fraud|attacks?|phishing|malware|intrusions?|poisoning)|spot\s+(?:it|this|that|them|such|these)|recogni[sz]e\s+(?:it|this|that|them|such|these)|stop\s+(?:it|this|that|them|such|attackers?|hackers?|criminals?)|(?:how|what)\s+(?:do|does|can|should)\s+(?:\w+\s+){0,2}?(?:defend|prevent|protect|detect|mitigate))\b/i;
