import { beforeAll, describe, expect, it } from 'vitest';
import { analyseChunk } from '../../shared/adapters/local/chunk-analysis.js';
import { createLocalEngine, type LocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { definedTerms, headDefines } from '../../shared/adapters/local/definitions.js';
import { buildRetrievalQuery, isFollowUp } from '../../shared/adapters/local/extractive-answerer.js';
import { toRelevance } from '../../shared/adapters/local/local-retriever.js';
import { mineAcronyms } from '../../shared/adapters/local/query-expansion.js';
import type { Chunk } from '../../shared/corpus/chunk-document.js';
import { courseNotesProfile } from '../../shared/profile/assistant-profile.js';

let engine: LocalEngine;

beforeAll(async () => {
  engine = await createLocalEngine({ corpusDir: 'docs-corpus' });
});

describe('local retriever', () => {
  it.each([
    ['What does temperature control?', 'creative ability'],
    ['Which metric judges machine translation?', 'bleu'],
    ['What is provisioned throughput needed for?', 'provisioned throughput'],
    ['Which AWS service recognises faces in images?', 'rekognition'],
  ])('ranks a passage about "%s" first', async (query, phrase) => {
    const [best] = await engine.retriever.retrieve({ query, k: 5 });
    expect(best?.text.toLowerCase()).toContain(phrase);
  });

  it('returns at most k results, best first, with 0..1 scores', async () => {
    const results = await engine.retriever.retrieve({ query: 'foundation models', k: 3 });
    expect(results).toHaveLength(3);
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const score of scores) expect(score).toBeGreaterThan(0);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
  });

  it('reports relevance that stays informative for long questions and is near 0 off topic', async () => {
    const long = await engine.retriever.retrieve({
      query: "How can a language model use a company's internal documents without being retrained?",
      k: 5,
    });
    const scores = long.map((result) => result.score);
    expect(scores[0]).toBeGreaterThan(0.5);
    expect(scores[0]).toBeLessThan(0.99); // a raw BM25 sum this size used to read as 1.0
    expect(new Set(scores).size).toBeGreaterThan(1);
    const offTopic = await engine.retriever.retrieve({
      query: 'How do I change a flat tyre on a bicycle?',
      k: 5,
    });
    for (const result of offTopic) expect(result.score).toBeLessThan(0.2);
    expect(toRelevance(0, 4)).toBe(0);
    expect(toRelevance(40, 4)).toBeGreaterThan(toRelevance(20, 4));
  });

  it('applies source and topic filters', async () => {
    const bySource = await engine.retriever.retrieve({
      query: 'fine tuning',
      k: 5,
      filters: { source: 'study-notes-bedrock-genai.txt' },
    });
    expect(bySource.length).toBeGreaterThan(0);
    expect(new Set(bySource.map((result) => result.source))).toEqual(
      new Set(['study-notes-bedrock-genai.txt']),
    );
    const byTopic = await engine.retriever.retrieve({
      query: 'fine tuning',
      k: 5,
      filters: { topic: 'mlops' },
    });
    expect(new Set(byTopic.map((result) => result.source))).toEqual(
      new Set(['mlops-and-genai-basics-class.txt']),
    );
  });

  it('mines acronyms from the corpus and expands them both ways', () => {
    const acronyms = mineAcronyms([
      { text: 'Retrieval Augmented Generation (RAG) helps. ROI = Return on Investment' },
    ]);
    expect(acronyms.get('rag')).toBe('retrieval augmented generation');
    expect(acronyms.get('roi')).toBe('return on investment');
    expect(engine.retriever.expansion.expand('what is RLHF')).toContain('reinforcement learning');
  });

  it("takes an acronym's long form from the words just before it, not across punctuation", () => {
    const acronyms = mineAcronyms([
      {
        text: 'Costs rose. Amazon Simple Storage Service (S3) stores objects; then (XYZ) follows. The Elastic Compute Cloud (EC2) runs servers.',
      },
    ]);
    expect(acronyms.get('s3')).toBeUndefined(); // "3" is not an initial
    expect(acronyms.get('xyz')).toBeUndefined(); // "then" does not spell it
    expect(acronyms.get('ec2')).toBeUndefined();
    expect(mineAcronyms([{ text: 'We use Large Language Models (LLMs) daily.' }]).get('llms')).toBe(
      'large language models',
    );
  });
});

describe('chunk analysis (index time)', () => {
  const chunk = (text: string, headings: string[] = []): Chunk => ({
    id: 'notes.txt#0',
    source: 'notes.txt',
    title: 'Notes',
    heading: headings[0] ?? '',
    headings,
    text,
    units: text.split('\n').map((line) => ({ text: line, kind: 'prose', heading: headings[0] ?? '' })),
    position: { index: 0, firstUnit: 0, lastUnit: 0 },
    tokens: 0,
    topics: [],
  });

  it('keeps sentences that can stand alone and drops headings, questions, lead-ins and table rows', () => {
    const analysis = analyseChunk(
      chunk(
        [
          'Prompt Engineering',
          'PROMPT BASICS',
          'Temperature controls how random the output of the model is. Lower values are more focused.',
          'What does top-p change about sampling?',
          'The main settings are these:',
          'model | price | latency | region',
        ].join('\n'),
        ['Prompt Engineering'],
      ),
    );
    expect(analysis.sentences.map((sentence) => sentence.text)).toEqual([
      'Temperature controls how random the output of the model is.',
      'Lower values are more focused.',
    ]);
    expect(analysis.sentences[0]?.words).toBe(10);
    expect(analysis.terms.has('engin')).toBe(true); // headings count for coverage
    expect(analysis.textTerms.has('temperatur')).toBe(true);
    expect(analysis.contextTokens).toBeGreaterThan(20);
  });

  it('records what each line and sentence defines', () => {
    const analysis = analyseChunk(chunk('Amazon Bedrock is a fully managed service for foundation models.'));
    expect(analysis.definitions).toEqual([['amazon', 'bedrock']]);
    expect(analysis.sentences[0]?.defines).toEqual(['amazon', 'bedrock']);
  });

  it('matches a definition to its subject, give or take a vendor prefix, but not a longer name', () => {
    expect(definedTerms('Bedrock Agents are workflows that call APIs.')).toEqual(['bedrock', 'agent']);
    expect(definedTerms('It helps teams build faster.')).toBeNull();
    expect(headDefines(['amazon', 'bedrock'], ['bedrock'])).toBe(true);
    expect(headDefines(['bedrock', 'agent'], ['bedrock'])).toBe(false);
    expect(headDefines(['bedrock'], [])).toBe(false);
    const head = definedTerms('Amazon Bedrock is a managed service.');
    expect(head && headDefines(head, ['bedrock'])).toBe(true);
  });
});

describe('extractive answerer', () => {
  it('answers with [n] markers whose citations contain the cited sentence', async () => {
    const result = await engine.answerer.answer({
      question: 'What is the difference between fine-tuning and RAG?',
    });
    expect(result.noAnswer).toBe(false);
    expect(result.citations.length).toBeGreaterThan(0);
    const marked = [...result.answer.matchAll(/(.+?) \[(\d+)\](?: |$)/g)];
    expect(marked.length).toBeGreaterThan(0);
    for (const [, sentence, id] of marked) {
      const citation = result.citations.find((c) => c.id === Number(id));
      expect(citation, `citation ${id}`).toBeDefined();
      const core = (sentence ?? '').trim().replace(/\.$/, '').toLowerCase();
      expect(citation?.excerpt.toLowerCase()).toContain(core);
    }
    expect(result.citations.map((c) => c.id)).toEqual(result.citations.map((_, i) => i + 1));
  });

  it.each(['How do I bake sourdough bread?', 'What is Kubernetes?', 'Explain quantum entanglement'])(
    'says the notes do not cover "%s"',
    async (question) => {
      const result = await engine.answerer.answer({ question });
      expect(result).toMatchObject({
        noAnswer: true,
        answer: courseNotesProfile.noAnswerMessage,
        citations: [],
      });
    },
  );

  it('uses the previous turn for a follow-up in the same session', async () => {
    const first = await engine.answerer.answer({ question: 'What is Amazon Bedrock?' });
    const followUp = await engine.answerer.answer({
      question: 'and how is it priced?',
      sessionId: first.sessionId,
    });
    expect(followUp.sessionId).toBe(first.sessionId);
    expect(followUp.answer.toLowerCase()).toMatch(/pric|pay/);
    expect(followUp.citations.some((c) => /bedrock/i.test(c.excerpt) || /bedrock/i.test(c.title))).toBe(true);
  });

  it('detects follow-ups and carries the earlier subject', () => {
    expect(isFollowUp('and how is it priced?')).toBe(true);
    expect(isFollowUp('What is the difference between fine-tuning and RAG?')).toBe(false);
    const history = [{ question: 'What is Bedrock?', retrievalQuery: 'What is Bedrock?', answer: '...' }];
    expect(buildRetrievalQuery('what about its pricing?', history)).toBe(
      'what about its pricing? What is Bedrock?',
    );
  });
});
