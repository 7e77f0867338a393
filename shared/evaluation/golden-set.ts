import { readFile } from 'node:fs/promises';
import * as z from 'zod';

const goldenQuestionSchema = z.object({
  id: z.string(),
  topic: z.string(),
  question: z.string().min(1),
  sources: z.array(z.string()).min(1),
  evidence: z.array(z.string()).min(1),
  keywords: z.array(z.string()).min(1),
  reference: z.string(),
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
