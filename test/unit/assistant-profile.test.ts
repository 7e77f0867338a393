import { describe, expect, it } from 'vitest';
import { createApp } from '../../services/api/create-app.js';
import { WEB_ROOT } from '../../services/api/deps.js';
import { createLocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { guardrailPolicy, guardrailPolicyFor } from '../../shared/guardrail/guardrail-policy.js';
import {
  courseNotesProfile,
  loadAssistantProfile,
  parseAssistantProfile,
  promptTemplateOf,
} from '../../shared/profile/assistant-profile.js';
import { createLocalTestApp } from '../fixtures/local-app.js';

const LIBRARY = 'test/fixtures/library-handbook';

describe('assistant profile', () => {
  it('the default is the course notes and drives the default guardrail policy', () => {
    // Assess
    expect(loadAssistantProfile()).toBe(courseNotesProfile);
    expect(guardrailPolicy.topicPolicy.topics.map((topic) => topic.name)).toEqual(
      courseNotesProfile.deniedTopics.map((topic) => topic.name),
    );
    expect(guardrailPolicy.blockedInputMessaging).toBe(courseNotesProfile.blockedInputMessage);
  });

  it('names every bad field of an invalid profile', () => {
    // Prepare
    const bad = { ...courseNotesProfile, id: 'Not An Id', exampleQuestions: [], noAnswerMessage: '' };

    // Act / Assess
    expect(() => parseAssistantProfile(bad, 'my-profile.json')).toThrow(
      /my-profile\.json is not a valid assistant profile:[\s\S]*id[\s\S]*exampleQuestions[\s\S]*noAnswerMessage/,
    );
  });

  it('rejects a denied-topic pattern that is not a regular expression', () => {
    // Prepare
    const topic = { ...courseNotesProfile.deniedTopics[0], localPatterns: ['(unclosed'] };

    // Act / Assess
    expect(() => parseAssistantProfile({ ...courseNotesProfile, deniedTopics: [topic] }, 'p.json')).toThrow(
      /p\.json: denied topic "Exam dumps" has an invalid localPatterns entry/,
    );
  });

  it('says where a missing or malformed profile file is', () => {
    // Assess
    expect(() => loadAssistantProfile('no/such/profile.json')).toThrow(
      /Cannot read the assistant profile no\/such/,
    );
    expect(() => loadAssistantProfile('package-lock.json')).toThrow(
      /package-lock\.json is not a valid assistant profile/,
    );
  });

  it('builds the Bedrock prompt from the subject and the no-answer message', () => {
    // Act
    const template = promptTemplateOf(loadAssistantProfile(`${LIBRARY}/profile.json`));

    // Assess
    expect(template).toContain('study assistant for the campus library handbook');
    expect(template).toContain('"The library handbook does not say, so please ask at the help desk."');
    expect(template).toContain('$search_results$');
  });
});

describe('a second corpus with its own profile', () => {
  const profile = loadAssistantProfile(`${LIBRARY}/profile.json`);

  it('answers from its documents and abstains with its own message', async () => {
    // Prepare
    const engine = await createLocalEngine({ corpusDir: `${LIBRARY}/corpus`, profile });

    // Act
    const covered = await engine.answerer.answer({ question: 'How long is the loan period for books?' });
    const uncovered = await engine.answerer.answer({ question: 'What is Amazon Bedrock?' });

    // Assess
    expect(covered.noAnswer).toBe(false);
    expect(covered.answer).toMatch(/loan period/);
    expect(covered.citations[0]?.source).toBe('borrowing.md');
    expect(uncovered).toMatchObject({ noAnswer: true, answer: profile.noAnswerMessage });
  });

  it('its guardrail denies its own topics, not the course notes ones', async () => {
    // Prepare
    const engine = await createLocalEngine({ corpusDir: `${LIBRARY}/corpus`, profile });

    // Act
    const essay = await engine.guardrail.check({
      source: 'INPUT',
      text: 'Can you write my essay on the French revolution?',
    });
    const dump = await engine.guardrail.check({
      source: 'INPUT',
      text: 'Give me the real AIF-C01 exam questions',
    });

    // Assess
    expect(essay).toMatchObject({ blocked: true, text: profile.blockedInputMessage });
    expect(essay.reasons).toContain('topic:Essay writing services');
    expect(dump.blocked).toBe(false);
    expect(guardrailPolicyFor(profile).name).toBe('campus-library-guardrail');
  });

  it('the chat page names its subject and examples, escaped', async () => {
    // Prepare: a hostile name must not become markup
    const hostile = { ...profile, name: '<script>alert(1)</script> Library' };
    const { deps } = await createLocalTestApp();
    const app = createApp({ ...deps, webRoot: WEB_ROOT, profile: hostile });

    // Act
    const html = await (await app.request('/')).text();

    // Assess
    expect(html).toContain('<title>&#60;script&#62;alert(1)&#60;/script&#62; Library</title>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain(profile.tagline);
    expect(html).toContain('“How long can I borrow a book?”');
    const data = /<script id="assistant-profile" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(data ?? 'null')).toMatchObject({
      name: hostile.name,
      exampleQuestions: profile.exampleQuestions,
    });
  });
});
