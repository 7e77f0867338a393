import { beforeAll, describe, expect, it } from 'vitest';
import { analyseUnit, whyNotQuotable } from '../../shared/adapters/local/chunk-analysis.js';
import { createLocalEngine, type LocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { definedTerms, headDefines } from '../../shared/adapters/local/definitions.js';
import {
  asSentence,
  createExtractiveAnswerer,
  refersBack,
  switchesTopic,
} from '../../shared/adapters/local/extractive-answerer.js';
import { createLocalRetriever, toRelevance } from '../../shared/adapters/local/local-retriever.js';
import { createMemorySessionStore } from '../../shared/adapters/local/memory-session-store.js';
import { mineAcronyms } from '../../shared/adapters/local/query-expansion.js';
import { questionType } from '../../shared/adapters/local/question-type.js';
import { chunkDocument } from '../../shared/corpus/chunk-document.js';
import { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { parseDocument } from '../../shared/corpus/load-corpus.js';
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
  ])('returns a passage about "%s" within the first 300 words', async (query, phrase) => {
    const passages = await engine.retriever.retrieve({ query, k: 5 });
    const words = passages
      .map((passage) => passage.text)
      .join(' ')
      .split(/\s+/);
    expect(words.slice(0, 300).join(' ').toLowerCase()).toContain(phrase);
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
    expect(scores[0]).toBeGreaterThan(0.4);
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

describe('unit analysis (index time)', () => {
  it.each([
    ['Amazon Q - Business', 'prose', 'title'],
    ['AWS Bedrock', 'prose', 'label'],
    ['What to do when overfitting', 'prose', 'title'],
    ['Fine Tuning, Model Choices & Safety', 'prose', 'title'],
    ['Amazon Q for Business – A typical day for a Marketing Manager', 'prose', 'title'],
    ['Created and copyright : Rahul Trisal. Please do not copy this material.', 'prose', 'footer'],
    ['graph LR; A["Prompt"] --> B["Model"]; B --> C["Answer"]', 'prose', 'diagram'],
    ['npm install --global example-tool', 'prose', 'code'],
    ['subgraph GoodPrompt [Good prompt]; direction TB; end;', 'prose', 'diagram'],
    ['The loss is $\\frac{1}{n} \\sum_i (y_i - \\hat{y}_i)^2$ over all samples', 'prose', 'markup'],
    ['Human: Answer the following question only if you know the answer', 'prose', 'transcript'],
    ['The image shows a dashboard with three charts and a sidebar', 'prose', 'figure'],
    ['model | price | latency | region', 'table-row', 'table'],
    ['The main settings are these:', 'prose', 'lead-in'],
    ['npm install --save-dev vitest and then run it', 'code', 'code'],
    ['E = mc^2 holds for every particle at rest', 'math', 'math'],
    ['Prompt Engineering', 'heading', 'heading'],
  ] as const)('never quotes "%s" (%s): %s', (text, kind, reason) => {
    // Prepare
    const words = text.split(/\s+/).length;
    // Act
    const why = whyNotQuotable({ text, kind }, words);
    // Assess
    expect(why).toBe(reason);
  });

  it.each([
    ['Temperature controls how random the output of the model is.', 'prose'],
    ['Amazon Polly - Turns text into lifelike speech using deep learning', 'list-item'],
    ['Precision | the share of predicted positives that are really positive', 'table-row'],
  ] as const)('quotes a statement: "%s"', (text, kind) => {
    expect(whyNotQuotable({ text, kind }, text.split(/\s+/).length)).toBeNull();
  });

  it('records terms and what a unit defines', () => {
    // Act
    const unit = analyseUnit({
      text: 'Amazon Bedrock is a fully managed service for foundation models.',
      kind: 'prose',
      heading: 'Bedrock',
    });
    // Assess
    expect(unit.defines).toEqual(['amazon', 'bedrock']);
    expect(unit.termSet.has('bedrock')).toBe(true);
    expect(unit.notQuotable).toBeNull();
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

  it('presents fragments as sentences but leaves code alone', () => {
    expect(asSentence('allows the model to reference data')).toBe('Allows the model to reference data.');
    expect(asSentence('`npm run build` compiles the project')).toBe('`npm run build` compiles the project');
    expect(asSentence('Lower values are more focused.')).toBe('Lower values are more focused.');
    expect(asSentence('kubectl get pods;')).toBe('kubectl get pods;');
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

  /** Asks the questions in one session and returns the last answer. */
  const conversation = async (questions: string[]) => {
    let sessionId: string | undefined;
    let result: Awaited<ReturnType<typeof engine.answerer.answer>> | undefined;
    for (const question of questions) {
      result = await engine.answerer.answer({ question, ...(sessionId ? { sessionId } : {}) });
      sessionId = result.sessionId;
    }
    return result as NonNullable<typeof result>;
  };

  it('carries the subject into a follow-up that refers back', async () => {
    // Act
    const followUp = await conversation(['What is Amazon Bedrock?', 'and how is it priced?']);
    // Assess
    expect(followUp.noAnswer).toBe(false);
    expect(followUp.answer.toLowerCase()).toMatch(/pric|pay/);
    expect(followUp.citations.some((c) => /bedrock/i.test(c.excerpt))).toBe(true);
  });

  it.each([
    [['What is Amazon Bedrock?', 'and whats a GAN'], /adversarial/i, /bedrock/i],
    [['What is Amazon Bedrock?', 'unsupervised learning?'], /unlabel/i, /bedrock/i],
    [['explain the confusion matrix', 'what is trusted advisor'], /trusted advisor/i, /confusion/i],
    [['What is PartyRock?', 'Overfitting?'], /overfit/i, /partyrock/i],
  ])(
    'answers a new one-word or strong subject on its own in a conversation: %j',
    async (questions, expected, previous) => {
      // Act
      const result = await conversation(questions);
      // Assess
      expect(result.answer).toMatch(expected);
      expect(result.answer).not.toMatch(previous);
    },
  );

  it('carries the subject through a chain of follow-ups', async () => {
    // Act
    const result = await conversation([
      'What is PartyRock?',
      'is it free?',
      'do i need to know how to code to use it',
    ]);
    // Assess
    expect(result.citations.some((c) => /partyrock/i.test(c.excerpt))).toBe(true);
  });

  it('tells follow-ups from subject changes by their wording', () => {
    expect(refersBack('and how is it priced?')).toBe(true);
    expect(refersBack('what about its pricing?')).toBe(true);
    expect(refersBack('and?')).toBe(true);
    expect(refersBack('and whats a GAN')).toBe(false);
    expect(switchesTopic('different topic - what is amazon lex')).toBe(true);
    expect(switchesTopic('what is amazon lex')).toBe(false);
  });

  it.each([
    ['What is Amazon Q?', /^Amazon Q\s*[-–]\s*Business\./],
    ['What is overfitting and how do I fix it?', /What to do when overfitting/i],
  ])('does not quote a heading or label as the answer to "%s"', async (question, heading) => {
    // Act
    const result = await engine.answerer.answer({ question });
    // Assess
    expect(result.noAnswer).toBe(false);
    expect(result.answer).not.toMatch(heading);
    for (const sentence of result.answer.split(/\s*\[\d+\]\s*/).filter(Boolean))
      expect(sentence.split(/\s+/).length, sentence).toBeGreaterThanOrEqual(4);
    expect(result.citations.every((citation) => citation.heading)).toBe(true);
  });

  it.each([
    ['what is hallucinaton in llms', /hallucinat/i],
    ['whats the f1 scor', /f1 score/i],
    ['what does temprature do in bedrok', /temperature/i],
    ['explain reinforcment lerning', /reinforcement learning/i],
  ])('answers a misspelt question "%s" with citations', async (question, expected) => {
    // Act
    const result = await engine.answerer.answer({ question });
    // Assess
    expect(result.noAnswer).toBe(false);
    expect(result.answer).toMatch(expected);
    expect(result.citations.length).toBeGreaterThan(0);
  });

  it.each([
    'What does temperature control?',
    'i have a quick question from my homework for this course, what exactly does the temperature setting control when a model writes text',
    'Hi there! My email is {EMAIL} and my phone is {PHONE}. What does temperature control?',
  ])('answers a covered question with extra words or masked PII: "%s"', async (question) => {
    // Act
    const result = await engine.answerer.answer({ question });
    // Assess
    expect(result.noAnswer).toBe(false);
    expect(result.answer.toLowerCase()).toContain('temperature');
    expect(result.citations.length).toBeGreaterThan(0);
  });

  it('searches for what is asked, not for the words that introduced masked PII', async () => {
    // Act: in one sentence, "email" introduces the address; it once steered the search to spam filters
    const result = await engine.answerer.answer({ question: 'my email is {EMAIL}, what is RAG?' });
    // Assess
    expect(result.answer.split('. ')[0]).toMatch(/\bRAG\b/);
    expect(result.answer).not.toMatch(/e-?mails?\b/i);
  });

  it.each([
    'who is the current ceo of aws',
    'how do i reset mfa on my aws root account after losing my phone',
    "what's the difference between an lstm and a gru",
    'good morning :)',
  ])('says the notes do not say for "%s"', async (question) => {
    // Act
    const result = await engine.answerer.answer({ question });
    // Assess
    expect(result).toMatchObject({
      noAnswer: true,
      answer: courseNotesProfile.noAnswerMessage,
      citations: [],
    });
  });

  it('classifies questions by the answer they want', () => {
    expect(questionType('precision vs recall')).toEqual({
      kind: 'comparison',
      sides: ['precision', 'recall'],
    });
    expect(questionType("what's the difference between fine-tuning and RAG?")).toEqual({
      kind: 'comparison',
      sides: ['fine-tuning', 'RAG'],
    });
    expect(questionType('which service turns text into speech').kind).toBe('which-service');
    expect(questionType('name the four elements of a prompt').kind).toBe('list');
    expect(questionType('how do i stop my model from overfitting').kind).toBe('how-to');
    expect(questionType('What is Amazon Bedrock?')).toEqual({
      kind: 'definition',
      subject: 'Amazon Bedrock',
    });
    expect(questionType('Overfitting?')).toEqual({ kind: 'definition', subject: 'Overfitting' });
  });

  it('answers a comparison with both sides', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'precision vs recall' });
    // Assess
    const sentences = result.answer.split(/\s*\[\d+\]\s*/).filter(Boolean);
    expect(sentences.some((sentence) => /precision/i.test(sentence) && !/recall/i.test(sentence))).toBe(true);
    expect(sentences.some((sentence) => /recall/i.test(sentence) && !/precision/i.test(sentence))).toBe(true);
  });

  it('names the service when asked which service does something', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'which service turns text into speech' });
    // Assess
    expect(result.answer.split(/\s*\[\d+\]\s*/)[0]).toMatch(/Amazon Polly/);
  });

  it('answers a list question with the items of the list', async () => {
    // Act
    const result = await engine.answerer.answer({
      question: 'what are the 8 guiding principles of responsible ai',
    });
    // Assess
    const items = ['fairness', 'explainability', 'privacy', 'transparency', 'governance', 'safety'];
    expect(items.filter((item) => result.answer.toLowerCase().includes(item)).length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('quotes only sentences that answer the question, never an unrelated neighbour', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'What does temperature control?' });
    // Assess
    for (const sentence of result.answer.split(/\s*\[\d+\]\s*/).filter(Boolean))
      expect(sentence.toLowerCase(), sentence).toMatch(/temperature|creativ|random/);
  });
});

describe('answers from your own documents', () => {
  const markdown = [
    '# Deploying the tool',
    '',
    'Created and copyright : Example Corp. Please do not copy.',
    '',
    '## Install',
    '',
    'The installer needs Node.js 20 and about 50 MB of disk space.',
    '',
    '```sh',
    'npm install --global example-tool',
    '```',
    '',
    '```mermaid',
    'graph LR; Install --> Configure --> Run',
    '```',
    '',
    'The loss is $$\\frac{1}{n}\\sum_i e_i$$ for n samples.',
    '',
    '## Configure',
    '',
    'The configuration file lives in the home folder and sets the install region.',
  ].join('\n');

  it('quotes prose, never code, diagrams, markup or footers, and never alters code text', async () => {
    // Prepare
    const document = parseDocument('guide.md', markdown, { title: 'Guide' });
    const retriever = createLocalRetriever({ chunks: chunkDocument(document, defaultChunkingSettings) });
    const answerer = createExtractiveAnswerer({
      retriever,
      sessions: createMemorySessionStore(),
      noAnswerMessage: 'not in the guide',
    });
    // Act
    const result = await answerer.answer({ question: 'How do I install the tool?' });
    // Assess
    expect(result.noAnswer).toBe(false);
    expect(result.answer).toContain('The installer needs Node.js 20');
    expect(result.answer).not.toMatch(/Npm install|copyright|-->|\\frac/);
    expect(['Install', 'Configure']).toContain(result.citations[0]?.heading);
  });
});
