/**
 * `npm run eval:retrievers`: the evidence behind the choice of search library and of the
 * retrieval features (an ablation of each hand-written part). Every variant searches the
 * independent DEV half and the golden set; library variants index the
 * same chunks with the same text analysis, so only the ranking function differs.
 */

import { createRequire } from 'node:module';
import { create, insertMultiple, search } from '@orama/orama';
import MiniSearch from 'minisearch';
import { createLocalRetriever, type RetrievalTuning } from '../../shared/adapters/local/local-retriever.js';
import { type Chunk, chunkCorpus } from '../../shared/corpus/chunk-document.js';
import { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { type CorpusDocument, loadCorpus } from '../../shared/corpus/load-corpus.js';
import type { Passage } from '../../shared/domain.js';
import { readGoldenSet } from '../../shared/evaluation/golden-set.js';
import { scoreRetrieval } from '../../shared/evaluation/retrieval-metrics.js';
import { contentTerms } from '../../shared/text/text-analysis.js';

type Search = (query: string, k: number) => Passage[] | Promise<Passage[]>;

const toPassage = (chunk: Chunk, score: number): Passage => ({
  source: chunk.source,
  title: chunk.title,
  text: chunk.text,
  score,
});

/** Plain fixed windows of `size` words, ignoring sentences and headings (the naive baseline). */
function wordWindows(documents: CorpusDocument[], size: number, overlap: number): Chunk[] {
  return documents.flatMap((document) => {
    const words = document.lines
      .map((line) => line.text)
      .join(' ')
      .split(/\s+/);
    const chunks: Chunk[] = [];
    for (let start = 0; start < words.length; start += size - overlap) {
      const text = words.slice(start, start + size).join(' ');
      chunks.push({
        id: `${document.source}#w${start}`,
        source: document.source,
        title: document.title,
        heading: '',
        units: [{ text, kind: 'prose', heading: '' }],
        headings: [],
        text,
        position: { index: chunks.length, firstUnit: start, lastUnit: start + size },
        tokens: 0,
        topics: [],
      });
    }
    return chunks;
  });
}

function plainMiniSearch(chunks: Chunk[]): Search {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  index.addAll(chunks.map((chunk, id) => ({ id, text: chunk.text })));
  return (query, k) =>
    index
      .search(query)
      .slice(0, k)
      .map((r) => toPassage(chunks[r.id] as Chunk, r.score));
}

function orama(chunks: Chunk[]): Search {
  const db = create({
    schema: { text: 'string', headings: 'string' } as const,
    components: {
      tokenizer: {
        language: 'english',
        normalizationCache: new Map(),
        tokenize: (text: string) => contentTerms(text),
      },
    },
  });
  insertMultiple(
    db,
    chunks.map((chunk, i) => ({ id: String(i), text: chunk.text, headings: chunk.headings.join(' ') })),
  );
  return async (query, k) => {
    const result = await search(db, { term: query, limit: k, boost: { headings: 1 } });
    return result.hits.map((hit) => toPassage(chunks[Number(hit.id)] as Chunk, hit.score));
  };
}

function wink(chunks: Chunk[]): Search {
  const require = createRequire(import.meta.url);
  const engine = require('wink-bm25-text-search')();
  engine.defineConfig({ fldWeights: { text: 1, headings: 1 } });
  engine.definePrepTasks([(text: string) => contentTerms(text)]);
  for (const [i, chunk] of chunks.entries())
    engine.addDoc({ text: chunk.text, headings: chunk.headings.join(' ') }, i);
  engine.consolidate();
  return (query, k) =>
    (engine.search(query, k) as [number, number][]).map(([id, score]) =>
      toPassage(chunks[id] as Chunk, score),
    );
}

async function main(): Promise<void> {
  const documents = await loadCorpus('docs-corpus');
  const sets = [
    ['dev', (await readGoldenSet('test/eval/independent-dev.json')).filter((q) => q.expect !== 'no_answer')],
    ['golden', await readGoldenSet('test/eval/golden-set.json')],
  ] as const;
  const chunks = chunkCorpus(documents, defaultChunkingSettings);
  const ours = (tuning: Partial<RetrievalTuning> = {}) => {
    const retriever = createLocalRetriever({ chunks, tuning });
    return (query: string, k: number) => retriever.retrieve({ query, k });
  };
  const bare = {
    typos: false,
    expandAcronyms: false,
    expandSynonyms: false,
    definitionBonus: 0,
    indexImageDescriptions: true,
  };
  const variants: [string, () => Search][] = [
    [
      'plain BM25 (MiniSearch defaults) over fixed 200-word windows',
      () => plainMiniSearch(wordWindows(documents, 200, 40)),
    ],
    ['plain BM25 (MiniSearch defaults) over the chunks', () => plainMiniSearch(chunks)],
    ['Orama BM25, same chunks + stemming', () => orama(chunks)],
    ['wink-bm25, same chunks + stemming', () => wink(chunks)],
    ['our BM25, chunks, stemming (no hand-written parts)', () => ours({ ...bare, passageWords: 0 })],
    ['  + answer-sized passage windows', () => ours(bare)],
    ['  + typo correction', () => ours({ ...bare, typos: true })],
    ['  + paraphrase table', () => ours({ ...bare, typos: true, expandSynonyms: true })],
    [
      '  + definition rerank',
      () => ours({ ...bare, typos: true, expandSynonyms: true, definitionBonus: 0.5 }),
    ],
    ['  + image descriptions not scored (= default)', () => ours()],
    ['default + acronyms mined from the corpus', () => ours({ expandAcronyms: true })],
    ['default without definition rerank', () => ours({ definitionBonus: 0 })],
    ['default with image descriptions scored', () => ours({ indexImageDescriptions: true })],
    ['default without passage windows', () => ours({ passageWords: 0 })],
    ['default without typo correction', () => ours({ typos: false })],
    ['default without paraphrase table', () => ours({ expandSynonyms: false })],
    ['default with 80-word windows', () => ours({ passageWords: 80 })],
    ['default with 100-word windows', () => ours({ passageWords: 100 })],
    ['default with 150-word windows', () => ours({ passageWords: 150 })],
    ['default, windows where the question weight is densest', () => ours({ passageStart: 'densest' })],
  ];
  console.log(
    `${'variant'.padEnd(56)} ${sets.map(([name]) => `${name}: hit@1  hit@5  MRR    ev300  ev600`.padEnd(44)).join(' ')} build ms`,
  );
  for (const [name, build] of variants) {
    const started = performance.now();
    const searchFn = build();
    const buildMs = performance.now() - started;
    const columns: string[] = [];
    for (const [setName, questions] of sets) {
      const results = [];
      for (const question of questions)
        results.push({ question, passages: await searchFn(question.question, 5) });
      const s = scoreRetrieval(results);
      const cells = [s.hitAt1, s.hitAt5, s.mrr, s.evidenceWithin300Words, s.evidenceWithin600Words].map((v) =>
        v.toFixed(3).padEnd(6),
      );
      columns.push(`${' '.repeat(setName.length + 2)}${cells.join(' ')}`.padEnd(44));
    }
    console.log(`${name.padEnd(56)} ${columns.join(' ')} ${buildMs.toFixed(0)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
