import { readFileSync } from 'node:fs';
import * as z from '../validation/zod.js';
import courseNotesProfileJson from './course-notes.profile.json' with { type: 'json' };

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

const deniedTopicSchema = z.object({
  /** Bedrock topic name: letters, digits, spaces and `-_!?.` only, up to 100 characters. */
  name: z.string().check(z.regex(/^[0-9A-Za-z\-_ !?.]{1,100}$/)),
  /** What the topic is, for Bedrock's classifier (up to 200 characters). */
  definition: text(200),
  /** Phrasings Bedrock learns the topic from (up to 5, 100 characters each). */
  examples: z.array(text(100)).check(z.maxLength(5)),
  /** Offline only: case-insensitive regular expressions that signal the topic. */
  localPatterns: z.array(z.string().check(z.minLength(1))),
});

const profileSchema = z.object({
  /** Short identifier, used in logs and resource descriptions. */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/)),
  /** Product name shown as the page title. */
  name: text(80),
  /** What the assistant answers about, as a noun phrase: "the … course notes". */
  subject: text(200),
  /** One line under the title of the chat page. */
  tagline: text(200),
  /** Shown on the empty chat page, in CLI help and in Slack hints. */
  exampleQuestions: z.array(text(200)).check(z.minLength(1), z.maxLength(8)),
  /** Said when the documents do not cover a question (both engines). */
  noAnswerMessage: text(300),
  /** Returned when the guardrail blocks a question / an answer (Bedrock allows 500 characters). */
  blockedInputMessage: text(500),
  blockedOutputMessage: text(500),
  /** Bedrock word filter entries (whole words or short phrases). */
  deniedWords: z.array(text(100)),
  deniedTopics: z.array(deniedTopicSchema).check(z.maxLength(30)),
  /**
   * Optional Bedrock generation prompt; the default is built from `subject` and `noAnswerMessage`.
   * Must contain `$search_results$`, where Bedrock inserts the retrieved passages.
   */
  promptTemplate: z.optional(
    text(20_000).check(
      z.includes('$search_results$', 'must contain $search_results$ (the retrieved passages)'),
    ),
  ),
});

/**
 * What the assistant is about, defined once: the page, the CLI, both engines, the guardrail and
 * the CDK stack read it. The course-notes profile is the default; a user's own documents come
 * with their own profile file (`PROFILE=path/to/profile.json`, `-c profile=…` for the stack).
 */
export type AssistantProfile = z.infer<typeof profileSchema>;
export type DeniedTopicProfile = z.infer<typeof deniedTopicSchema>;

/** Validates a profile; throws a message naming every bad field and where it came from. */
export function parseAssistantProfile(value: unknown, origin: string): AssistantProfile {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`${origin} is not a valid assistant profile:\n${lines.join('\n')}`);
  }
  for (const topic of parsed.data.deniedTopics) {
    for (const pattern of topic.localPatterns) {
      try {
        new RegExp(pattern, 'iu');
      } catch (error) {
        throw new Error(
          `${origin}: denied topic "${topic.name}" has an invalid localPatterns entry ${JSON.stringify(pattern)}: ${(error as Error).message}`,
        );
      }
    }
  }
  return parsed.data;
}

/** The default profile: the AWS Certified AI Practitioner course notes in `docs-corpus/`. */
export const courseNotesProfile: AssistantProfile = parseAssistantProfile(
  courseNotesProfileJson,
  'shared/profile/course-notes.profile.json',
);

/** Reads a profile file, or returns the default profile when no path is given. */
export function loadAssistantProfile(path?: string): AssistantProfile {
  if (!path) return courseNotesProfile;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the assistant profile ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`The assistant profile ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseAssistantProfile(json, path);
}

/**
 * The RetrieveAndGenerate prompt. Bedrock replaces `$search_results$` with the retrieved passages
 * and `$output_format_instructions$` with the citation format it parses.
 */
export function promptTemplateOf(profile: AssistantProfile): string {
  if (profile.promptTemplate) return profile.promptTemplate;
  return `You are a study assistant for ${profile.subject}.
Answer the question using only the search results below. Be concise: two to four sentences.
If the search results do not contain the answer, say "${profile.noAnswerMessage}" and nothing else.
Never invent facts, exam questions or figures that are not in the search results.

<search_results>
$search_results$
</search_results>

$output_format_instructions$`;
}

/** What the chat page needs to know (no guardrail internals). */
export function publicProfileOf(profile: AssistantProfile) {
  return {
    name: profile.name,
    subject: profile.subject,
    tagline: profile.tagline,
    exampleQuestions: profile.exampleQuestions,
  };
}
