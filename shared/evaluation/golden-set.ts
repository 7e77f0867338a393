import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { sameSource } from './retrieval-metrics.js';

const goldenQuestionSchema = z
  .object({
    id: z.string(),
    topic: z.string(),
    /** Kind of question (e.g. `typo`, `follow-up`), for per-class figures. */
    class: z.string().optional(),
    /** Earlier questions of the same conversation, asked first in one session. */
    history: z.array(z.string().min(1)).optional(),
    /** `no_answer`: the documents do not cover it and the answer must say so. */
    expect: z.enum(['answer', 'no_answer']).optional(),
    question: z.string().min(1),
    sources: z.array(z.string()),
    evidence: z.array(z.string()),
    keywords: z.array(z.string()),
    reference: z.string(),
  })
  .superRefine((question, context) => {
    if (question.expect === 'no_answer') return;
    for (const key of ['sources', 'evidence', 'keywords'] as const) {
      if (question[key].length === 0)
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} must not be empty when expect is "answer"`,
        });
    }
  });

const goldenSetSchema = z.object({
  description: z.string().optional(),
  questions: z.array(goldenQuestionSchema).min(1),
});

export type GoldenQuestion = z.infer<typeof goldenQuestionSchema>;

/** Reads and validates a golden set file (see `test/eval/golden-set.json`). */
export async function readGoldenSet(path: string): Promise<GoldenQuestion[]> {
  const parsed = goldenSetSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid golden set: ${z.prettifyError(parsed.error)}`);
  return parsed.data.questions;
}

/** Which questions of a golden set can score against a corpus. */
export interface GoldenSourceCheck {
  /** Questions the documents should answer (not `expect: "no_answer"`). */
  answerable: number;
  /** Answerable questions none of whose `sources` is in the corpus: they can only score 0. */
  unmatched: GoldenQuestion[];
  /** Sources named by the golden set that are not in the corpus, sorted. */
  missingSources: string[];
}

/**
 * Checks a golden set's `sources` against the corpus's sources (`listCorpusSources`, or the
 * sources a server's answers cited), with the same matching as the retrieval scores.
 */
export function checkGoldenSources(
  golden: GoldenQuestion[],
  corpusSources: Iterable<string>,
): GoldenSourceCheck {
  const available = [...corpusSources];
  const inCorpus = (source: string) => available.some((candidate) => sameSource(candidate, source));
  const answerable = golden.filter((question) => question.expect !== 'no_answer');
  const named = new Set(answerable.flatMap((question) => question.sources));
  return {
    answerable: answerable.length,
    unmatched: answerable.filter((question) => !question.sources.some(inCorpus)),
    missingSources: [...named].filter((source) => !inCorpus(source)).sort(),
  };
}
