import type { Citation as BedrockCitation, RetrievedReference } from '@aws-sdk/client-bedrock-agent-runtime';
import type { Citation, Passage } from '../../domain.js';

/** A reference as our passage: file name from the metadata (or the S3 key), title from the sidecar. */
export function referenceToPassage(reference: {
  content?: { text?: string | undefined } | undefined;
  location?: RetrievedReference['location'];
  metadata?: Record<string, unknown> | undefined;
  score?: number | undefined;
}): Passage {
  const metadata = reference.metadata ?? {};
  const uri = reference.location?.s3Location?.uri ?? String(metadata['x-amz-bedrock-kb-source-uri'] ?? '');
  const fileName = uri.split('/').pop() ?? uri;
  const source = typeof metadata.source === 'string' ? metadata.source : fileName || 'unknown';
  const title = typeof metadata.title === 'string' ? metadata.title : source;
  return { source, title, text: reference.content?.text ?? '', score: reference.score ?? 0 };
}

/** Numbers references in order of first use, deduplicated by source + excerpt. */
export class CitationNumbering {
  readonly citations: Citation[] = [];
  readonly passages: Passage[] = [];
  private readonly ids = new Map<string, number>();

  /** Returns the ids for the references, registering new ones. */
  idsFor(references: RetrievedReference[] | undefined): { ids: number[]; added: Citation[] } {
    const ids: number[] = [];
    const added: Citation[] = [];
    for (const reference of references ?? []) {
      const passage = referenceToPassage(reference);
      const key = `${passage.source}\u0000${passage.text}`;
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.citations.length + 1;
        this.ids.set(key, id);
        const citation: Citation = {
          id,
          source: passage.source,
          title: passage.title,
          excerpt: passage.text,
        };
        this.citations.push(citation);
        this.passages.push(passage);
        added.push(citation);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return { ids, added };
  }
}

export function markers(ids: number[]): string {
  return ids.map((id) => `[${id}]`).join('');
}

/** Index just after the cited span. Bedrock's `end` is inclusive; fall back when the text says otherwise. */
function insertionPoint(text: string, citation: BedrockCitation): number {
  const part = citation.generatedResponsePart?.textResponsePart;
  const start = part?.span?.start ?? 0;
  const end = part?.span?.end;
  if (end === undefined) return text.length;
  const inclusive = Math.min(text.length, end + 1);
  if (
    part?.text &&
    text.slice(start, end).trim() === part.text.trim() &&
    text.slice(start, inclusive).trim() !== part.text.trim()
  ) {
    return Math.min(text.length, end);
  }
  return inclusive;
}

/** Inserts `[n]` markers at the end of each cited span and returns the numbered citations. */
export function mapCitations(
  text: string,
  bedrockCitations: BedrockCitation[] | undefined,
): { answer: string; citations: Citation[]; passages: Passage[] } {
  const numbering = new CitationNumbering();
  const inserts: { at: number; marker: string }[] = [];
  for (const citation of bedrockCitations ?? []) {
    const { ids } = numbering.idsFor(citation.retrievedReferences);
    if (ids.length > 0) inserts.push({ at: insertionPoint(text, citation), marker: markers(ids) });
  }
  let answer = text;
  for (const { at, marker } of inserts.sort((a, b) => b.at - a.at)) {
    const before = answer.slice(0, at).replace(/\s+$/, '');
    const after = answer.slice(at);
    const gap = before.length < at && after && !/^\s/.test(after) ? ' ' : '';
    answer = `${before} ${marker}${gap}${after}`;
  }
  return { answer, citations: numbering.citations, passages: numbering.passages };
}
