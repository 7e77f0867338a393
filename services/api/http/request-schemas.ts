import * as z from 'zod';

/** Longest question accepted, after trimming (DESIGN.md contract). */
export const MAX_QUESTION_LENGTH = 2000;
/** Largest request body accepted. */
export const MAX_BODY_BYTES = 32 * 1024;

const filtersSchema = z
  .object({
    source: z.string().min(1).max(256).optional(),
    topic: z.string().min(1).max(128).optional(),
    sourceKind: z.string().min(1).max(128).optional(),
  })
  .strict();

const kSchema = z
  .number()
  .int('k must be a whole number')
  .min(1, 'k must be at least 1')
  .max(20, 'k must be at most 20');

export const askRequestSchema = z.object({
  question: z
    .string({ message: 'question must be a string' })
    .trim()
    .min(1, 'question must not be empty')
    .max(MAX_QUESTION_LENGTH, `question must be at most ${MAX_QUESTION_LENGTH} characters`),
  sessionId: z
    .string()
    .regex(/^[0-9a-zA-Z._:-]{1,100}$/, 'sessionId must be 1-100 letters, digits or ._:-')
    .optional(),
  filters: filtersSchema.optional(),
  k: kSchema.optional(),
});

export const retrieveRequestSchema = z.object({
  query: z
    .string({ message: 'query must be a string' })
    .trim()
    .min(1, 'query must not be empty')
    .max(MAX_QUESTION_LENGTH, `query must be at most ${MAX_QUESTION_LENGTH} characters`),
  k: kSchema.optional(),
  filters: filtersSchema.optional(),
});

export type AskRequest = z.infer<typeof askRequestSchema>;
export type RetrieveRequest = z.infer<typeof retrieveRequestSchema>;
