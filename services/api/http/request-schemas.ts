import * as z from '../../../shared/validation/zod.js';

/** Longest question accepted, after trimming (DESIGN.md contract). */
export const MAX_QUESTION_LENGTH = 2000;
/** Largest request body accepted. */
export const MAX_BODY_BYTES = 32 * 1024;

const filterValue = (max: number) => z.optional(z.string().check(z.minLength(1), z.maxLength(max)));

const filtersSchema = z.strictObject({
  source: filterValue(256),
  topic: filterValue(128),
  sourceKind: filterValue(128),
});

const kSchema = z
  .int({ error: 'k must be a whole number' })
  .check(z.minimum(1, 'k must be at least 1'), z.maximum(20, 'k must be at most 20'));

/** A required text field: trimmed, not empty, at most MAX_QUESTION_LENGTH characters. */
const textField = (name: string) =>
  z
    .string({ error: `${name} must be a string` })
    .check(
      z.trim(),
      z.minLength(1, `${name} must not be empty`),
      z.maxLength(MAX_QUESTION_LENGTH, `${name} must be at most ${MAX_QUESTION_LENGTH} characters`),
    );

export const askRequestSchema = z.object({
  question: textField('question'),
  sessionId: z.optional(
    z.string().check(z.regex(/^[0-9a-zA-Z._:-]{1,100}$/, 'sessionId must be 1-100 letters, digits or ._:-')),
  ),
  filters: z.optional(filtersSchema),
  k: z.optional(kSchema),
});

export const retrieveRequestSchema = z.object({
  query: textField('query'),
  k: z.optional(kSchema),
  filters: z.optional(filtersSchema),
});

export type AskRequest = z.infer<typeof askRequestSchema>;
export type RetrieveRequest = z.infer<typeof retrieveRequestSchema>;
