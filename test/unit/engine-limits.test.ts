import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CORRECTED_WORDS, MAX_QUERY_TERMS } from '../../shared/adapters/local/analyse-query.js';
import { createLocalEngine, type LocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import {
  createExtractiveAnswerer,
  MAX_SUBJECT_TERMS,
} from '../../shared/adapters/local/extractive-answerer.js';
import { createMemorySessionStore } from '../../shared/adapters/local/memory-session-store.js';
import { createBoundedCache } from '../../shared/text/bounded-cache.js';
import {
  contentTerms,
  MAX_TOKEN_CHARS,
  STEM_CACHE_BYTES,
  TERM_SET_CACHE_BYTES,
  termSetOf,
  textCacheBytes,
} from '../../shared/text/text-analysis.js';

/** A question of `chars` characters made by repeating `next()`. */
function fill(next: (index: number) => string, chars = 2000, prefix = ''): string {
  let text = prefix;
  for (let i = 0; text.length < chars; i++) text += `${next(i)} `;
  return text.slice(0, chars).trim();
}

/** A made-up word per index: letters only, never a corpus word. */
const madeUp = (index: number) =>
  `zq${index.toString(26).replace(/\d/g, (digit) => 'klmnopqrst'[Number(digit)] as string)}x`;

let engine: LocalEngine;

beforeAll(async () => {
  engine = await createLocalEngine({ corpusDir: 'docs-corpus' });
});

describe('query cost limits', () => {
  it('searches a 2,000-character question of one repeated word once', async () => {
    // Act
    await engine.retriever.retrieve({ query: fill(() => 'bedrock') });
    const repeated = engine.retriever.lastSearch;
    await engine.retriever.retrieve({ query: 'bedrock' });
    const single = engine.retriever.lastSearch;
    // Assess
    expect(repeated).toEqual(single);
  });

  it(`searches at most ${MAX_QUERY_TERMS} distinct terms and corrects at most ${MAX_CORRECTED_WORDS} words`, async () => {
    // Prepare: 2,000 characters of distinct made-up words, each a correction candidate
    const unknown = fill(madeUp);
    const corpusWords = fill(
      (index) =>
        ['bedrock', 'sagemaker', 'model', 'tokens', 'guardrails', 'agents', 'embeddings', 'prompt'][
          index % 8
        ] + String.fromCharCode(97 + (index % 26)),
    );
    // Act
    const analysed = engine.retriever.analyse(unknown);
    await engine.retriever.retrieve({ query: corpusWords });
    // Assess
    expect(analysed.own.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(analysed.terms.filter((term) => term.origin === 'typo').length).toBeLessThanOrEqual(
      2 * MAX_CORRECTED_WORDS,
    );
    expect(engine.retriever.lastSearch.termsSearched).toBeLessThanOrEqual(2 * MAX_QUERY_TERMS);
  });

  it('keeps the postings a worst-case question visits within 5x a normal question', async () => {
    // Prepare: the most frequent corpus words, repeated and mixed, 2,000 characters
    const common = [
      'model',
      'data',
      'ai',
      'aws',
      'amazon',
      'learning',
      'training',
      'generative',
      'service',
      'use',
    ];
    await engine.retriever.retrieve({
      query: 'What does temperature control when the model generates text?',
    });
    const normal = engine.retriever.lastSearch.postingsVisited;
    // Act
    await engine.retriever.retrieve({ query: fill((index) => common[index % common.length] as string) });
    const worst = engine.retriever.lastSearch.postingsVisited;
    // Assess
    expect(worst / normal).toBeLessThanOrEqual(5);
  });

  it(`bounds a follow-up chain: each turn carries at most ${MAX_SUBJECT_TERMS} subject terms, not the earlier questions`, async () => {
    // Prepare
    let sessionId: string | undefined;
    const turns: string[] = [];
    // Act: 8 turns of 2,000-character "and ..." questions in one session
    for (let turn = 0; turn < 8; turn++) {
      const question = fill(
        (index) =>
          ['bedrock', 'pricing', 'tokens', 'guardrails', 'agents', 'it'][(index + turn) % 6] as string,
        2000,
        'and ',
      );
      const result = await engine.answerer.answer({ question, ...(sessionId ? { sessionId } : {}) });
      sessionId = result.sessionId;
      turns.push(question);
    }
    // Assess
    const analysed = engine.retriever.analyse(turns.at(-1) as string);
    expect(engine.retriever.lastSearch.termsSearched).toBeLessThanOrEqual(
      analysed.weights.size + MAX_SUBJECT_TERMS,
    );
  });
});

describe('memory limits', () => {
  it(`keeps the stem memo within ${STEM_CACHE_BYTES / 1024 / 1024} MB and the term-set memo within ${TERM_SET_CACHE_BYTES / 1024 / 1024} MB after 100,000 never-seen words`, () => {
    // Act: 100,000 distinct words, in questions of 40
    for (let question = 0; question < 2500; question++)
      termSetOf(Array.from({ length: 40 }, (_, word) => madeUp(question * 40 + word)).join(' '));
    // Assess
    const { stems, termSets } = textCacheBytes();
    expect(stems).toBeLessThanOrEqual(STEM_CACHE_BYTES);
    expect(termSets).toBeLessThanOrEqual(TERM_SET_CACHE_BYTES);
    expect(contentTerms('running models')).toEqual(['run', 'model']); // still answers
  });

  it(`ignores tokens longer than ${MAX_TOKEN_CHARS} characters`, () => {
    expect(contentTerms(`${'a'.repeat(2000)} bedrock`)).toEqual(['bedrock']);
  });

  it('evicts the oldest entries of a bounded cache to stay within its bytes', () => {
    // Prepare
    const cache = createBoundedCache<string>({ maxBytes: 10_000, sizeOf: (value) => value.length * 2 });
    // Act
    for (let i = 0; i < 1000; i++) cache.set(`key-${i}`, 'value');
    // Assess
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('key-999')).toBe('value');
    expect(cache.get('key-0')).toBeUndefined();
  });
});

describe('session limits', () => {
  it('keeps a continued conversation while 20,000 one-off questions come and go', async () => {
    // Prepare: a small store, so the flood overflows it many times
    const sessions = createMemorySessionStore({ maxBytes: 256 * 1024, maxNewSessionBytes: 64 * 1024 });
    const answerer = createExtractiveAnswerer({
      retriever: engine.retriever,
      sessions,
      noAnswerMessage: 'no',
    });
    const first = await answerer.answer({ question: 'What is Amazon Bedrock?' });
    await answerer.answer({ question: 'and how is it priced?', sessionId: first.sessionId });
    // Act: one-off questions, with and without made-up session ids
    for (let i = 0; i < 20_000; i++)
      await sessions.append(i % 2 ? `made-up-${i}` : crypto.randomUUID(), {
        question: 'What is an epoch?',
        retrievalQuery: 'What is an epoch?',
        answer: 'An epoch is one pass over the training data.',
        subject: 'epoch',
      });
    // Assess
    expect((await sessions.get(first.sessionId))?.length).toBe(2);
    expect(sessions.bytes).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  });

  it('bounds the bytes of one session of 2,000-character questions at 4 turns', async () => {
    // Prepare
    const sessions = createMemorySessionStore();
    const turn = {
      question: 'x'.repeat(2000),
      retrievalQuery: 'x'.repeat(2100),
      answer: 'y'.repeat(800),
      subject: 'z'.repeat(200),
    };
    // Act
    for (let i = 0; i < 30; i++) await sessions.append('one', turn);
    // Assess: about 4 turns of ~10 KB, not 30
    expect((await sessions.get('one'))?.length).toBe(4);
    expect(sessions.bytes).toBeLessThanOrEqual(48 * 1024);
  });

  it('forgets a conversation after its TTL', async () => {
    // Prepare
    let now = 0;
    const sessions = createMemorySessionStore({ ttlSeconds: 60, now: () => now });
    await sessions.append('a', { question: 'q', retrievalQuery: 'q', answer: 'a' });
    // Act
    now = 61_000;
    // Assess
    expect(await sessions.get('a')).toBeUndefined();
    expect(sessions.bytes).toBe(0);
  });
});
