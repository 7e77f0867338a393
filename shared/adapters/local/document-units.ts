import type { Chunk, ChunkUnit } from '../../corpus/chunk-document.js';

/** One document as the ordered sentence units its chunks were cut from, without the overlaps. */
export interface DocumentUnits {
  source: string;
  units: ChunkUnit[];
}

/** Where a chunk's units sit in its document's unit sequence. */
export interface ChunkSpan {
  document: number;
  /** Index of the chunk's first unit in the document's units. */
  first: number;
  /** Index of its last unit (inclusive). */
  last: number;
}

const sameUnit = (a: ChunkUnit | undefined, b: ChunkUnit | undefined) =>
  a !== undefined && b !== undefined && a.text === b.text && a.heading === b.heading && a.kind === b.kind;

/**
 * Rebuilds each document's unit sequence from its chunks, in chunk order: consecutive chunks
 * share their overlap (the trailing units of one are the leading units of the next), which is
 * kept once. Works for fixed-size and hierarchical chunks alike. Returns the documents and, for
 * each chunk, the span of document units it covers.
 */
export function documentUnits(chunks: readonly Chunk[]): { documents: DocumentUnits[]; spans: ChunkSpan[] } {
  const documents: DocumentUnits[] = [];
  const bySource = new Map<string, number>();
  const spans = chunks.map((chunk): ChunkSpan => {
    let index = bySource.get(chunk.source);
    if (index === undefined) {
      index = documents.length;
      bySource.set(chunk.source, index);
      documents.push({ source: chunk.source, units: [] });
    }
    const { units } = documents[index] as DocumentUnits;
    // Longest suffix of what we have that is a prefix of this chunk.
    let shared = Math.min(units.length, chunk.units.length);
    for (; shared > 0; shared--) {
      let matches = true;
      for (let i = 0; i < shared && matches; i++)
        matches = sameUnit(units[units.length - shared + i], chunk.units[i]);
      if (matches) break;
    }
    const first = units.length - shared;
    for (const unit of chunk.units.slice(shared)) units.push(unit);
    return { document: index, first, last: Math.max(first, units.length - 1) };
  });
  return { documents, spans };
}
