import type { AskResponse } from '../domain.js';
import type { SlackMessage } from './slack-ports.js';

/** Slack limits: 3000 characters per section text, 50 blocks, 10 context elements. */
const SECTION_LIMIT = 3000;
const MAX_ANSWER_SECTIONS = 5;
const TEXT_FALLBACK_LIMIT = 3500;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits text into pieces of at most `limit` characters, preferring sentence and word breaks. */
export function splitForSlack(text: string, limit = SECTION_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut =
      Math.max(window.lastIndexOf('. ') + 1, window.lastIndexOf('\n'), 0) || window.lastIndexOf(' ') || limit;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/** Feedback buttons carry the request and session ids so clicks can be tied to the answer. */
export interface FeedbackValue {
  requestId: string;
  sessionId: string;
}

/** Block Kit message for an answer: text, sources, guardrail notice, feedback buttons. */
export function formatSlackAnswer(response: AskResponse, requestId: string): SlackMessage {
  const answer = escapeMrkdwn(response.answer);
  const sections = splitForSlack(answer);
  const shown = sections.slice(0, MAX_ANSWER_SECTIONS);
  if (sections.length > shown.length) shown[shown.length - 1] = `${shown.at(-1)} …(answer shortened)`;
  const blocks: unknown[] = shown.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));

  if (response.guardrail.action === 'INTERVENED') {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: ':shield: The guardrail intervened on this question or answer.' }],
    });
  }
  if (response.citations.length > 0) {
    const sources = response.citations.slice(0, 10).map((citation) => ({
      type: 'mrkdwn',
      text: truncate(
        `*[${citation.id}]* ${escapeMrkdwn(citation.title)} (\`${escapeMrkdwn(citation.source)}\`)`,
        300,
      ),
    }));
    blocks.push({ type: 'context', elements: sources });
  }
  const value = JSON.stringify({ requestId, sessionId: response.sessionId } satisfies FeedbackValue);
  blocks.push({
    type: 'actions',
    block_id: 'feedback',
    elements: [
      { type: 'button', action_id: 'feedback_helpful', text: { type: 'plain_text', text: 'Helpful' }, value },
      {
        type: 'button',
        action_id: 'feedback_not_helpful',
        text: { type: 'plain_text', text: 'Not helpful' },
        value,
      },
    ],
  });

  const sourcesLine = response.citations.map((c) => `[${c.id}] ${c.title}`).join('; ');
  const text = truncate(
    `${response.answer}${sourcesLine ? `\nSources: ${sourcesLine}` : ''}`,
    TEXT_FALLBACK_LIMIT,
  );
  return { text, blocks };
}
