import { beforeAll, describe, expect, it } from 'vitest';
import { analyseUnit, whyNotQuotable } from '../../shared/adapters/local/chunk-analysis.js';
import { createLocalEngine, type LocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { definedTerms, headDefines } from '../../shared/adapters/local/definitions.js';
import { createExtractiveAnswerer } from '../../shared/adapters/local/extractive-answerer.js';
import { createLocalRetriever } from '../../shared/adapters/local/local-retriever.js';
import { createMemorySessionStore } from '../../shared/adapters/local/memory-session-store.js';
import { questionType } from '../../shared/adapters/local/question-type.js';
import { chunkDocument } from '../../shared/corpus/chunk-document.js';
import { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { parseDocument } from '../../shared/corpus/load-corpus.js';
import { stem } from '../../shared/text/text-analysis.js';

let engine: LocalEngine;

beforeAll(async () => {
  engine = await createLocalEngine({ corpusDir: 'docs-corpus' });
});

/** An answerer over one Markdown document of our own. */
function answererFor(markdown: string) {
  const document = parseDocument('guide.md', markdown, { title: 'Guide' });
  const retriever = createLocalRetriever({ chunks: chunkDocument(document, defaultChunkingSettings) });
  return {
    retriever,
    answerer: createExtractiveAnswerer({
      retriever,
      sessions: createMemorySessionStore(),
      noAnswerMessage: 'not in the guide',
    }),
  };
}

const sentencesOf = (answer: string) => answer.split(/\s*\[\d+\]\s*/).filter(Boolean);

describe('list answers', () => {
  it('lists every item of a list whose items run over several sentences', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'name the four elements of a prompt' });
    // Assess
    expect(result.answer).toMatch(
      /^Elements of a prompt: Instructions; Context; Input data; Output indicator\./,
    );
  });

  it('lists the items under a title line and its introductory sentence', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'list the owasp top 10 for llms' });
    // Assess
    expect(result.answer).toMatch(/OWASP\) Top 10 for LLMs: Prompt injection; Insecure output handling;/);
  });

  it('lists the sub-headings of a section whose items are each explained by a paragraph', async () => {
    // Prepare
    const { answerer } = answererFor(
      [
        '# Handbook',
        '',
        '## Core rules of the archive',
        '',
        'Dust control',
        '',
        'Keep every shelf covered. Clean the covers weekly with a dry cloth.',
        '',
        'Light limits',
        '',
        'Fragile maps stay in the dark room. Reading lamps stay under fifty lux.',
        '',
        'Humidity checks',
        '',
        'Log the humidity twice a day. Call the conservator above sixty percent.',
      ].join('\n'),
    );
    // Act
    const result = await answerer.answer({ question: 'what are the core rules of the archive' });
    // Assess
    expect(result.answer).toMatch(/Core rules of the archive: Dust control; Light limits; Humidity checks\./);
  });

  it('lists sub-headings that follow the lead directly, each with lines of its own', async () => {
    // Prepare: outline notes whose items are titles over indented explanations
    const { answerer } = answererFor(
      [
        '# Handbook',
        '',
        '## Core rules of the archive',
        '',
        '### Dust control',
        '',
        'Keep every shelf covered. Clean the covers weekly with a dry cloth.',
        '',
        '### Light limits',
        '',
        'Fragile maps stay in the dark room.',
        '',
        '### Humidity checks',
        '',
        'Log the humidity twice a day.',
      ].join('\n'),
    );
    // Act
    const result = await answerer.answer({ question: 'what are the core rules of the archive' });
    // Assess
    expect(result.answer).toMatch(/Core rules of the archive: Dust control; Light limits; Humidity checks\./);
  });

  it('answers plural and "what kinds of" questions with a list, a singular "which type of" with sentences', () => {
    expect(questionType('what business metrics can you use to evaluate a gen ai app').kind).toBe('list');
    expect(questionType('what kinds of protections can i add with guardrails').kind).toBe('list');
    expect(questionType('Which type of learning trains on a labelled dataset?').kind).not.toBe('list');
    expect(questionType('what does temperature do').kind).not.toBe('list');
  });
});

describe('heading context', () => {
  it('takes the service name from the heading above a sentence that leaves it out', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: 'which aws feature automatically finds the best hyperparameters for my training job',
    });
    // Assess
    expect(sentencesOf(result.answer)[0]).toMatch(/^Amazon SageMaker Automatic Model Tuning: /);
    expect(result.citations[0]?.excerpt).toContain('Amazon SageMaker Automatic Model Tuning');
  });

  it('answers "where do I ..." with the service named', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: "where do i download aws's SOC and ISO compliance reports",
    });
    // Assess
    expect(result.answer).toMatch(/AWS Artifact/);
  });

  it('answers a one-word question from the sentences under the heading that names it', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'Inferentia?' });
    // Assess
    expect(result.noAnswer).toBe(false);
    expect(result.answer).toMatch(/Inferentia2?: .*inferenc/i);
  });

  it('names the heading once for consecutive sentences under it, and never a question line', async () => {
    // Prepare
    const { answerer } = answererFor(
      [
        '# Tools',
        '',
        '## Vaultkeeper',
        '',
        'Stores every secret encrypted at rest.',
        'Rotates each secret on a schedule you set.',
        '',
        '## Why does rotation matter?',
        '',
        'Old keys leak over time through logs and backups.',
      ].join('\n'),
    );
    // Act
    const result = await answerer.answer({ question: 'what does vaultkeeper do with a secret' });
    // Assess
    expect(result.answer.match(/Vaultkeeper:/g)).toHaveLength(1);
    expect(result.answer).not.toMatch(/Why does rotation matter\?:/);
  });

  it('indexes a versioned name under its bare name too', () => {
    // Act
    const unit = analyseUnit({ text: 'AWS Inferentia2 chips serve models.', kind: 'prose', heading: '' });
    // Assess
    expect(unit.termSet.has('inferentia2')).toBe(true);
    expect(unit.termSet.has('inferentia')).toBe(true);
  });

  it('reads a numbered slide title as a title, not a sentence', () => {
    expect(whyNotQuotable({ text: 'Responsible AI : AWS Services and Tools – 3.', kind: 'prose' }, 8)).toBe(
      'title',
    );
    expect(whyNotQuotable({ text: 'Responsible AI – 5.', kind: 'prose' }, 4)).toBe('title');
  });
});

describe('citations', () => {
  it('cites the section a quoted sentence of the outline notes sits in, never a slug', async () => {
    // Act
    const rag = await engine.answerer.answer({
      question: 'does RAG change the weights of the foundation model?',
    });
    const temperature = await engine.answerer.answer({ question: 'What does temperature control?' });
    // Assess
    const fromNotes = (citations: typeof rag.citations) =>
      citations.filter((citation) => citation.source === 'skill-builder-course-notes.txt');
    expect(fromNotes(rag.citations)[0]?.heading).toBe('Retrieval-augmented generation (RAG)');
    expect(fromNotes(temperature.citations)[0]?.heading).toBe('Inference parameters');
    for (const citation of [...rag.citations, ...temperature.citations])
      expect(citation.heading).not.toMatch(/^[a-z\d]+(?:-[a-z\d]+){2,}$/);
  });
});

describe('sentence choice', () => {
  it('goes on with the sentence after the answer when it refers back to it', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: 'when is sagemaker asynchronous inference the right choice',
    });
    // Assess
    expect(sentencesOf(result.answer)[1]).toMatch(/^This option is ideal for requests with large payload/);
  });

  it('tells the sides of a comparison apart by the words they do not share', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: 'grid search versus random search for tuning hyperparameters',
    });
    // Assess
    const sentences = sentencesOf(result.answer);
    expect(sentences.some((sentence) => /grid search/i.test(sentence) && !/random/i.test(sentence))).toBe(
      true,
    );
    expect(result.answer).not.toMatch(/temperature/i);
  });

  it('opens a comparison side with the sentence that starts with it', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: "transparency vs explainability in responsible ai, aren't they the same thing?",
    });
    // Assess
    expect(result.answer).toMatch(/Transparency helps to understand HOW a model makes decisions/);
  });

  it('quotes the definition first and the sentences that explain it after', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'what does negative prompting mean' });
    // Assess
    const sentences = sentencesOf(result.answer);
    expect(sentences[0]).toMatch(/^Negative prompting is used to guide the model away/);
    expect(sentences.length).toBeGreaterThan(1);
  });

  it('does not tie a sentence to the answer by the verb of a how-to question alone', async () => {
    // Prepare
    const { answerer } = answererFor(
      [
        '# Training',
        '',
        '## Overfitting',
        '',
        'Regularization and early stopping prevent overfitting in a network.',
        '',
        '## Indexing',
        '',
        'Stop words are removed before the index is built.',
      ].join('\n'),
    );
    // Act
    const result = await answerer.answer({ question: 'how do i stop overfitting' });
    // Assess
    expect(result.answer).toMatch(/^Regularization and early stopping prevent overfitting/);
    expect(result.answer).not.toMatch(/Stop words/);
    expect(questionType('how do i stop overfitting')).toEqual({ kind: 'how-to', action: 'stop' });
  });

  it('answers a follow-up with sentences about the carried subject only', async () => {
    // Prepare
    const first = await engine.answerer.answer({ question: 'what is AWS Artifact?' });
    // Act
    const result = await engine.answerer.answer({
      question: 'so who would usually use it',
      sessionId: first.sessionId,
    });
    // Assess
    expect(result.noAnswer).toBe(false);
    expect(sentencesOf(result.answer)[0]).toMatch(/artifact/i);
    expect(result.answer).not.toMatch(/fine-tuning/i); // "... is usually cheaper": another subject
  });

  it('reads "X occurs when" and "X (ACRONYM) are" as definitions of X', () => {
    expect(definedTerms('Underfitting occurs when the model is too simple.')).toEqual(['underfit']);
    const head = definedTerms('Foundation models (FMs) are large deep learning neural networks.');
    expect(head && headDefines(head, ['foundat', 'model'])).toBe(true);
  });
});

describe('text analysis', () => {
  it.each([
    ['memorising', 'memorizing'],
    ['generalising', 'generalizing'],
    ['analyse', 'analyze'],
    ['behaviour', 'behavior'],
    ['organisation', 'organization'],
  ])('stems the British "%s" like the American "%s"', (british, american) => {
    expect(stem(british)).toBe(stem(american));
  });

  it('leaves short words and other endings alone', () => {
    expect(stem('four')).toBe('four');
    expect(stem('hour')).toBe('hour');
    expect(stem('noise')).not.toBe(stem('noize'));
  });
});

describe('retrieval', () => {
  it('does not let the words of an image description outrank the prose', async () => {
    // Prepare
    const { retriever } = answererFor(
      [
        '# Billing',
        '',
        '## Screens',
        '',
        '![The screenshot shows the billing console with the invoices table and the invoices filter](billing.png)',
        '',
        // Enough other text that the two sections fall in different chunks.
        ...Array.from({ length: 30 }, (_, i) => `Shelf ${i} holds the archive boxes of year ${1990 + i}.`),
        '',
        '## Invoices',
        '',
        'Invoices are emailed on the first day of each month.',
      ].join('\n'),
    );
    // Act
    const passages = await retriever.retrieve({ query: 'billing console invoices', k: 1 });
    // Assess
    expect(passages[0]?.text).toMatch(/Invoices are emailed/);
  });
});
