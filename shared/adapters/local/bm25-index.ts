/** BM25 parameters: term saturation `k1` and length normalisation `b`. */
export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** A scored document of a search. */
export interface Bm25Hit {
  id: number;
  score: number;
}

/** An inverted index over analysed documents (arrays of terms), scored with classic BM25. */
export interface Bm25Index {
  /**
   * Scores documents for weighted query terms (each term is scored once, whatever its weight)
   * and returns the best `limit`, best first. `accept` filters document ids.
   */
  search(terms: ReadonlyMap<string, number>, limit: number, accept?: (id: number) => boolean): Bm25Hit[];
  /** Number of documents containing the term. */
  documentFrequency(term: string): number;
  /** Robertson–Spärck Jones inverse document frequency (0 for unknown terms). */
  idf(term: string): number;
  readonly documentCount: number;
  /** Every indexed term. */
  terms(): IterableIterator<string>;
}

interface Postings {
  ids: Uint32Array;
  frequencies: Uint16Array;
  idf: number;
}

/**
 * Builds the index. Postings are typed arrays, so a search touches only the documents that
 * contain a query term: its cost is the summed length of the query terms' postings.
 */
export function createBm25Index(
  documents: readonly (readonly string[])[],
  parameters: Bm25Parameters,
): Bm25Index {
  const documentCount = documents.length;
  const lengths = new Float64Array(documentCount);
  const building = new Map<string, { ids: number[]; frequencies: number[] }>();
  documents.forEach((terms, id) => {
    lengths[id] = terms.length;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let list = building.get(term);
      if (!list) {
        list = { ids: [], frequencies: [] };
        building.set(term, list);
      }
      list.ids.push(id);
      list.frequencies.push(Math.min(count, 65_535));
    }
  });
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documentCount);
  const postings = new Map<string, Postings>();
  for (const [term, list] of building) {
    const frequency = list.ids.length;
    postings.set(term, {
      ids: Uint32Array.from(list.ids),
      frequencies: Uint16Array.from(list.frequencies),
      idf: Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5)),
    });
  }
  // Length normalisation per document, computed once.
  const { k1, b } = parameters;
  const norms = lengths.map((length) => k1 * (1 - b + (b * length) / Math.max(1, averageLength)));
  const scores = new Float64Array(documentCount);
  const touched = new Uint8Array(documentCount);

  return {
    documentCount,
    documentFrequency: (term) => postings.get(term)?.ids.length ?? 0,
    idf: (term) => postings.get(term)?.idf ?? 0,
    terms: () => postings.keys(),
    search(terms, limit, accept) {
      const hits: number[] = [];
      for (const [term, weight] of terms) {
        const list = postings.get(term);
        if (!list || weight <= 0) continue;
        const { ids, frequencies, idf } = list;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] as number;
          const frequency = frequencies[i] as number;
          if (!touched[id]) {
            touched[id] = 1;
            hits.push(id);
          }
          scores[id] =
            (scores[id] as number) +
            (weight * idf * frequency * (k1 + 1)) / (frequency + (norms[id] as number));
        }
      }
      const results: Bm25Hit[] = [];
      for (const id of hits) {
        if (!accept || accept(id)) results.push({ id, score: scores[id] as number });
        scores[id] = 0;
        touched[id] = 0;
      }
      results.sort((a, b) => b.score - a.score || a.id - b.id);
      return results.length > limit ? results.slice(0, limit) : results;
    },
  };
}
