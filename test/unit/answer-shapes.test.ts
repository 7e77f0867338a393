import { beforeAll, describe, expect, it } from 'vitest';
import { analyseUnit, whyNotQuotable } from '../../shared/adapters/local/chunk-analysis.js';
import { createLocalEngine, type LocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { definedTerms, headDefines } from '../../shared/adapters/local/definitions.js';
import { contrasts, createExtractiveAnswerer } from '../../shared/adapters/local/extractive-answerer.js';
import { createLocalRetriever } from '../../shared/adapters/local/local-retriever.js';
import { createMemorySessionStore } from '../../shared/adapters/local/memory-session-store.js';
import { questionParts, questionType } from '../../shared/adapters/local/question-type.js';
import { chunkDocument } from '../../shared/corpus/chunk-document.js';
import { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { parseDocument } from '../../shared/corpus/load-corpus.js';
import { stem } from '../../shared/text/text-analysis.js';

let engine: LocalEngine;

beforeAll(async () => {
  engine = await createLocalEngine({ corpusDir: 'docs-corpus' });
});

/** An answerer over one document of our own (Markdown, or plain text for a `.txt` name). */
function answererFor(markdown: string, name = 'guide.md') {
  const document = parseDocument(name, markdown, { title: 'Guide' });
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

describe('which service', () => {
  it('names the service whose lines do what is asked, not one that shares a single word', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'Which AWS service detects bias in a model?' });
    // Assess
    expect(sentencesOf(result.answer)[0]).toMatch(
      /^Amazon SageMaker Clarify: Mitigate bias by detecting potential bias during data preparation; after model training; deployed model/,
    );
    expect(result.answer).not.toMatch(/GuardDuty/);
    expect(result.citations[0]?.excerpt).toContain('Amazon SageMaker Clarify');
  });

  it('takes the service name from a slide title above and prefers it to a service that matches one word', async () => {
    // Prepare
    const { answerer } = answererFor(
      [
        '# Services',
        '',
        'Amazon Watchtower - threat detection',
        '',
        'Amazon Pebble - object storage',
        '',
        'Cloud Tools – 3. Amazon Ledgerly',
        '',
        'Reconciles invoices against purchase orders.',
        '',
        'Detects duplicate invoices before payment.',
      ].join('\n'),
    );
    // Act
    const result = await answerer.answer({ question: 'which service detects duplicate invoices?' });
    // Assess
    expect(sentencesOf(result.answer)[0]).toBe('Amazon Ledgerly: Detects duplicate invoices before payment.');
    expect(result.answer).not.toMatch(/Watchtower/);
  });
});

describe('a line that leads a list', () => {
  it('is quoted with its items, never cut before them', async () => {
    // Prepare
    const { answerer } = answererFor(
      [
        'Archive rules',
        '',
        '1. Check the humidity of every room during',
        '- the morning round',
        '- the evening round',
        '- the night shift',
        '',
        'Temperature:',
        '    stays between 16 and 19 degrees in every storage room.',
        '',
        'Before you leave, follow these steps:',
        '    - open the log',
        '        the log is on the shared drive',
        '    - note the reading',
        '    - sign the entry',
        'Lighting is checked weekly by the caretaker on duty.',
      ].join('\n'),
      'rules.txt',
    );
    // Act
    const humidity = await answerer.answer({ question: 'when do we check the humidity?' });
    const temperature = await answerer.answer({ question: 'what temperature do storage rooms keep?' });
    const steps = await answerer.answer({ question: 'which steps do I follow before I leave?' });
    // Assess
    expect(sentencesOf(humidity.answer)[0]).toBe(
      'Check the humidity of every room during the morning round; the evening round; the night shift.',
    );
    expect(sentencesOf(temperature.answer)[0]).toBe(
      'Temperature: stays between 16 and 19 degrees in every storage room.',
    );
    // A deeper line explains an item; a shallower one ends the list.
    expect(steps.answer).toMatch(
      /Before you leave, follow these steps: open the log; note the reading; sign the entry\./,
    );
    expect(steps.answer).not.toMatch(/shared drive;|Lighting is checked weekly;/);
  });

  it('quotes the definition that leads a list with the list ("What is Amazon Q?"), never a picture description', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'What is Amazon Q?' });
    // Assess
    expect(sentencesOf(result.answer)[0]).toMatch(
      /^Amazon Q is generative AI-powered assistant to help improve productivity to employees: Amazon Q Business; Amazon Q Developer;/,
    );
    expect(result.answer).not.toMatch(/woman|holding|sign that/i);
  });
});

describe('two-part questions', () => {
  it("splits a message that asks two things, the second about the first one's subject", () => {
    expect(questionParts('What is overfitting and how do I fix it?')).toEqual({
      first: 'What is overfitting',
      second: 'how do I fix overfitting',
      refersToFirst: false,
    });
    expect(questionParts('how does RAG work and when should I use it?')).toMatchObject({
      second: 'when should I use it',
      refersToFirst: true,
    });
    expect(questionParts('what are bias and variance?')).toBeNull();
    expect(questionParts('What is the difference between fine-tuning and RAG?')).toBeNull();
    expect(questionParts('Which AWS chips are built for training and which for inference?')).toBeNull();
  });

  it('answers both parts when the notes have both', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'What is overfitting and how do I fix it?' });
    // Assess
    const sentences = sentencesOf(result.answer);
    expect(sentences[0]).toMatch(/^Overfitting is when model performs well on the training data/);
    expect(sentences.some((sentence) => /reduc\w* overfitting/i.test(sentence))).toBe(true);
  });

  it('answers the remedy part from sentences about the subject, not ones that share only the verb', async () => {
    // Prepare
    const { answerer } = answererFor(
      [
        '# Plants',
        '',
        '## Wilting',
        '',
        'Wilting is when leaves droop because the plant lacks water.',
        '',
        'Water the plant deeply to reverse wilting within a day.',
        '',
        '## Bikes',
        '',
        'Fix a flat tyre with a patch kit and a pump.',
      ].join('\n'),
    );
    // Act
    const result = await answerer.answer({ question: 'What is wilting and how do I fix it?' });
    // Assess
    expect(sentencesOf(result.answer)).toEqual([
      'Wilting is when leaves droop because the plant lacks water.',
      'Water the plant deeply to reverse wilting within a day.',
    ]);
  });
});

describe('comparisons', () => {
  it('opens with the sentence that sets both sides against each other, then what each side is', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: 'What is the difference between fine-tuning and RAG?',
    });
    // Assess
    const sentences = sentencesOf(result.answer);
    expect(sentences[0]).toBe(
      'RAG will not change the weights of the foundation model, whereas fine-tuning will change model weights.',
    );
    expect(sentences.some((sentence) => /^Fine-tuning (?:is|refers to)/.test(sentence))).toBe(true);
    expect(sentences.some((sentence) => /^RAG is /.test(sentence))).toBe(true);
  });

  it('tells a contrast from a sentence that only names both sides', () => {
    const sides: [string[], string[]] = [[stem('rag')], [stem('fine'), stem('tuning')]];
    expect(contrasts('RAG will not change the weights, whereas fine-tuning will change them.', sides)).toBe(
      true,
    );
    expect(contrasts('Rather than having to fine-tune an FM, RAG retrieves documents.', sides)).toBe(true);
    expect(contrasts('RAG and fine-tuning both adapt a model.', sides)).toBe(false);
    expect(
      contrasts(
        'Although ML relies on supervised, unsupervised or reinforcement learning, FMs are pre-trained.',
        [[stem('supervised')], [stem('unsupervised')]],
      ),
    ).toBe(false);
  });

  it('reads "supervised and unsupervised learning" as two kinds of learning, and a side inside a word as no side', async () => {
    // Act
    const type = questionType('What is the difference between supervised and unsupervised learning?');
    const result = await engine.answerer.answer({
      question: 'What is the difference between supervised and unsupervised learning?',
    });
    // Assess
    expect(type.sides).toEqual(['supervised learning', 'unsupervised learning']);
    expect(sentencesOf(result.answer)[0]).toMatch(/^In supervised learning, /);
    expect(sentencesOf(result.answer)[0]).not.toMatch(/self-supervised/);
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
