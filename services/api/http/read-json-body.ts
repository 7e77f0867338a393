import type { Context } from 'hono';
import { UnsupportedMediaTypeError, ValidationError } from '../../../shared/errors.js';
import type * as z from '../../../shared/validation/zod.js';

/** Reads a JSON body and validates it; wrong content type -> 415, bad JSON or shape -> 400. */
export async function readJsonBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError(
      `Content-Type must be application/json (got ${contentType ? `"${contentType.slice(0, 80)}"` : 'none'}).`,
    );
  }
  const raw = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ValidationError('Request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('Request body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new ValidationError(
      details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '),
      {
        details,
      },
    );
  }
  return parsed.data;
}
