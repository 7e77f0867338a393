// Course-notes chat page: streams answers from POST v1/ask (Server-Sent Events), no framework.
import { describeGuardrail } from './guardrail-notice.js';
import { citationOrder, citedSpans, loadLibraries, quoteRange, renderAnswer } from './render-answer.js';

const form = document.getElementById('ask-form');
const questionInput = document.getElementById('question');
const askButton = document.getElementById('ask');
const stopButton = document.getElementById('stop');
const conversation = document.getElementById('conversation');
const emptyState = document.getElementById('empty');
const errorBox = document.getElementById('error');
const apiKeyInput = document.getElementById('api-key');
const settings = document.getElementById('settings');
const engineLine = document.getElementById('engine');
const announcer = document.getElementById('announcer');
const composer = document.querySelector('.composer');

const profile = JSON.parse(document.getElementById('assistant-profile').textContent);
const KEY_STORAGE = 'course-notes-qa.api-key';
let sessionId;
let turnCount = 0;
/** The answer being streamed: its view and the controller that stops it. */
let streaming = null;

apiKeyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
apiKeyInput.addEventListener('change', () => sessionStorage.setItem(KEY_STORAGE, apiKeyInput.value.trim()));
loadLibraries();

fetch('healthz')
  .then((response) => (response.ok ? response.json() : null))
  .then((health) => {
    if (!health) return;
    engineLine.textContent = `Engine: ${health.engine}${health.documents ? `, ${health.documents} documents` : ''}.`;
    if (health.engine === 'bedrock' && !apiKeyInput.value) settings.open = true;
  })
  .catch(() => {});

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showExamples() {
  const examples = document.getElementById('examples');
  for (const question of (profile.exampleQuestions ?? []).slice(0, 4)) {
    const chip = element('button', 'chip', question);
    chip.type = 'button';
    chip.addEventListener('click', () => {
      questionInput.value = question;
      form.requestSubmit();
    });
    const item = element('li');
    item.append(chip);
    examples.append(item);
  }
  if (examples.childElementCount > 0) {
    examples.hidden = false;
    document.getElementById('examples-hint').hidden = true;
  }
}
showExamples();

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

function announce(message) {
  announcer.textContent = '';
  setTimeout(() => {
    announcer.textContent = message;
  }, 50);
}

/** A readable message for an HTTP error, using the contract's error body when present. */
async function describeFailure(response) {
  let body;
  try {
    body = await response.json();
  } catch {}
  const message = body?.error?.message ?? response.statusText;
  const requestId = body?.error?.requestId ? ` (request ${body.error.requestId})` : '';
  if (response.status === 429) {
    const wait = response.headers.get('retry-after');
    return `Too many questions right now. Please wait ${wait ? `${wait} seconds` : 'a moment'} and try again.`;
  }
  if (response.status === 401 || response.status === 403) {
    settings.open = true;
    return 'This server needs an API key: enter it under Connection settings.';
  }
  if (response.status >= 500) return `The server had a problem: ${message}${requestId}`;
  return `${message}${requestId}`;
}

const AVATAR =
  '<svg viewBox="0 0 64 64" aria-hidden="true" focusable="false"><path d="M14 18c6-2 12-1 18 3 6-4 12-5 18-3v28c-6-2-12-1-18 3-6-4-12-5-18-3z" fill="currentColor"/></svg>';

function addTurn(question) {
  emptyState.hidden = true;
  const index = ++turnCount;
  const turn = element('li', 'turn');
  const user = element('div', 'message user');
  user.append(element('p', 'bubble question', question));
  const assistant = element('article', 'message assistant');
  assistant.setAttribute('aria-label', `Answer ${index}`);
  const avatar = element('div', 'avatar');
  avatar.innerHTML = AVATAR; // a constant, never data
  const body = element('div', 'message-body');
  const progress = element('p', 'progress');
  progress.setAttribute('role', 'status');
  progress.append(element('span', 'spinner'), element('span', 'progress-text', 'Searching the notes…'));
  const notice = element('div', 'notice');
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  const answer = element('div', 'answer');
  answer.setAttribute('aria-live', 'polite');
  answer.setAttribute('aria-busy', 'true');
  const tools = element('div', 'answer-tools');
  tools.hidden = true;
  const copy = element('button', 'copy secondary small', 'Copy answer');
  copy.type = 'button';
  tools.append(copy);
  const sources = element('section', 'sources');
  sources.setAttribute('aria-label', `Sources for answer ${index}`);
  sources.hidden = true;
  const list = element('ol', 'citations');
  sources.append(element('h2', 'sources-title', 'Sources'), list);
  body.append(progress, notice, answer, tools, sources);
  assistant.append(avatar, body);
  turn.append(user, assistant);
  conversation.append(turn);
  const view = {
    index,
    turn,
    progress,
    notice,
    answer,
    tools,
    copy,
    sources,
    list,
    text: '',
    citations: new Map(),
    cards: new Map(),
    guardrail: null,
    renders: 0,
    scheduled: false,
    follow: true,
  };
  copy.addEventListener('click', () => copyAnswer(view));
  return view;
}

function setProgress(view, text) {
  view.progress.querySelector('.progress-text').textContent = text;
}

/** Display numbers follow the order in which the answer first cites each source. */
function numbering(view) {
  const order = citationOrder(view.text, [...view.citations.keys()]);
  return new Map(order.map((id, position) => [id, position + 1]));
}

const sourceId = (view, id) => `source-${view.index}-${id}`;

function excerptWithQuote(excerpt, spans) {
  const ranges = spans
    .map((span) => quoteRange(excerpt, span))
    .filter(Boolean)
    .sort((a, b) => a.start - b.start)
    .filter((range, index, all) => index === 0 || range.start >= all[index - 1].end);
  const quote = element('blockquote', 'excerpt');
  let at = 0;
  for (const range of ranges) {
    quote.append(excerpt.slice(at, range.start), element('mark', '', excerpt.slice(range.start, range.end)));
    at = range.end;
  }
  quote.append(excerpt.slice(at));
  return { quote, first: ranges[0] ? excerpt.slice(ranges[0].start, ranges[0].end) : '' };
}

function renderSources(view) {
  const numbers = numbering(view);
  const spans = citedSpans(view.text);
  const items = [];
  for (const [id, number] of numbers) {
    const citation = view.citations.get(id);
    let card = view.cards.get(id);
    if (!card) {
      card = element('li', 'source');
      card.id = sourceId(view, id);
      view.cards.set(id, card);
    }
    const details = card.querySelector('details') ?? element('details');
    const wasOpen = details.open;
    const summary = element('summary');
    const text = element('span', 'source-text');
    text.append(element('span', 'source-heading', citation.heading || citation.title));
    const meta = citation.heading ? `${citation.title} · ${citation.source}` : citation.source;
    text.append(element('span', 'source-meta', meta));
    const { quote, first } = excerptWithQuote(
      citation.excerpt ?? '',
      spans.filter((span) => span.ids.includes(id)).map((span) => span.text),
    );
    if (first) text.append(element('span', 'source-quote', `“${first.trim()}”`));
    summary.append(element('span', 'source-number', String(number)), text);
    details.replaceChildren(summary, quote);
    details.open = wasOpen;
    card.replaceChildren(details);
    items.push(card);
  }
  view.list.replaceChildren(...items);
  view.sources.hidden = items.length === 0;
}

function renderNotice(view) {
  const notice = describeGuardrail(view.guardrail, {
    answer: view.text,
    blockedMessages: profile.blockedMessages ?? [],
  });
  view.notice.hidden = !notice;
  if (!notice) return;
  view.notice.className = `notice notice-${notice.kind}`;
  view.notice.replaceChildren(element('strong', '', notice.title));
  if (notice.detail) view.notice.append(' ', element('span', '', notice.detail));
}

/** Re-renders the answer and its sources; only the latest of overlapping renders lands. */
async function renderTurn(view) {
  const render = ++view.renders;
  const numbers = numbering(view);
  const target = element('div');
  await renderAnswer(target, view.text, (id) => {
    const citation = view.citations.get(id);
    if (!citation) return null;
    const number = numbers.get(id);
    return {
      href: `#${sourceId(view, id)}`,
      number,
      label: `Source ${number}: ${citation.heading || citation.title}`,
    };
  });
  if (render !== view.renders) return;
  view.answer.replaceChildren(...target.childNodes);
  renderSources(view);
  renderNotice(view);
  follow(view);
}

function scheduleRender(view) {
  if (view.scheduled) return;
  view.scheduled = true;
  requestAnimationFrame(() => {
    view.scheduled = false;
    renderTurn(view);
  });
}

/**
 * Keeps the streaming answer above the composer, scrolling no further than the question's top:
 * a long answer is then read from its start. Stops once the student scrolls by hand.
 */
function follow(view) {
  if (!view.follow) return;
  const box = view.turn.getBoundingClientRect();
  const visibleBottom = composer.getBoundingClientRect().top - 12;
  const overflow = box.bottom - visibleBottom;
  const room = box.top - 12;
  const by = Math.min(overflow, room);
  if (by > 0) window.scrollBy({ top: by, behavior: 'instant' });
}

function stopFollowing() {
  if (streaming) streaming.view.follow = false;
}
for (const type of ['wheel', 'touchmove']) window.addEventListener(type, stopFollowing, { passive: true });
window.addEventListener('keydown', (event) => {
  if (['PageUp', 'PageDown', 'Home', 'End'].includes(event.key)) stopFollowing();
});

/** Reads `event:`/`data:` blocks from a fetch body stream. */
async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      yield { event, data: data.join('\n') };
      boundary = buffer.indexOf('\n\n');
    }
  }
}

function copyText(view) {
  const numbers = numbering(view);
  const answer = view.text.replace(/\[(\d{1,3})\]/g, (marker, id) => {
    const number = numbers.get(Number(id));
    return number ? `[${number}]` : marker;
  });
  const sources = [...numbers].map(([id, number]) => {
    const citation = view.citations.get(id);
    const heading = citation.heading ? `${citation.heading} — ` : '';
    return `[${number}] ${heading}${citation.title} (${citation.source})`;
  });
  return sources.length > 0 ? `${answer}\n\nSources:\n${sources.join('\n')}` : answer;
}

async function copyAnswer(view) {
  const text = copyText(view);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (an insecure origin): the selection fallback.
    const scratch = element('textarea');
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    document.execCommand('copy');
    scratch.remove();
  }
  view.copy.textContent = 'Copied';
  announce('Answer copied to the clipboard.');
  setTimeout(() => {
    view.copy.textContent = 'Copy answer';
  }, 2000);
}

function setStreaming(state) {
  streaming = state;
  askButton.hidden = Boolean(state);
  stopButton.hidden = !state;
}

function finish(view, { stopped = false } = {}) {
  if (view.failed && !view.text) return view.turn.remove();
  view.progress.hidden = true;
  view.answer.setAttribute('aria-busy', 'false');
  if (stopped) {
    view.turn.classList.add('stopped');
    view.tools.prepend(element('span', 'stopped-note', 'Stopped.'));
  }
  view.tools.hidden = view.text.trim() === '';
  renderTurn(view);
}

async function ask(question) {
  clearError();
  const view = addTurn(question);
  view.turn.scrollIntoView({ block: 'start' });
  const controller = new AbortController();
  setStreaming({ view, controller });
  const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
  const key = apiKeyInput.value.trim();
  if (key) headers['x-api-key'] = key;
  let response;
  try {
    response = await fetch('v1/ask', {
      method: 'POST',
      headers,
      body: JSON.stringify(sessionId ? { question, sessionId } : { question }),
      signal: controller.signal,
    });
  } catch {
    if (controller.signal.aborted) return finish(view, { stopped: true });
    view.turn.remove();
    showError('Cannot reach the server. Is it running? Check your connection and try again.');
    return;
  }
  if (!response.ok) {
    view.turn.remove();
    showError(await describeFailure(response));
    return;
  }
  try {
    for await (const { event, data } of readEvents(response.body)) {
      const payload = JSON.parse(data);
      if (event === 'delta') {
        if (!view.text) setProgress(view, 'Writing the answer…');
        view.text += payload.text;
      } else if (event === 'citation') {
        view.citations.set(payload.id, payload);
        const count = view.citations.size;
        if (!view.text)
          setProgress(view, `Found ${count} source${count === 1 ? '' : 's'}. Writing the answer…`);
      } else if (event === 'guardrail') view.guardrail = payload;
      else if (event === 'done') {
        sessionId = payload.sessionId;
        view.text = payload.answer;
        view.guardrail = payload.guardrail;
        view.citations = new Map(payload.citations.map((citation) => [citation.id, citation]));
      } else if (event === 'error') {
        view.failed = true;
        showError(`The answer failed: ${payload.error.message} (request ${payload.error.requestId})`);
      }
      scheduleRender(view);
    }
  } catch {
    if (controller.signal.aborted) return finish(view, { stopped: true });
    showError('The connection broke while the answer was streaming. Please ask again.');
  }
  finish(view);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const question = questionInput.value.trim();
  if (!question || streaming) return;
  questionInput.value = '';
  fitInput();
  try {
    await ask(question);
  } finally {
    setStreaming(null);
    questionInput.focus();
  }
});

stopButton.addEventListener('click', () => streaming?.controller.abort());

questionInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  } else if (event.key === 'Escape' && streaming) {
    event.preventDefault();
    streaming.controller.abort();
  }
});

/** The question box grows with its text, up to about six lines. */
function fitInput() {
  questionInput.style.height = 'auto';
  questionInput.style.height = `${Math.min(questionInput.scrollHeight + 2, 168)}px`;
}
questionInput.addEventListener('input', fitInput);

/** A marker reveals its source: the card opens, scrolls into view and is highlighted. */
conversation.addEventListener('click', (event) => {
  const marker = event.target.closest('a.cite');
  if (!marker) return;
  event.preventDefault();
  const card = document.getElementById(marker.getAttribute('href').slice(1));
  if (!card) return;
  const details = card.querySelector('details');
  details.open = true;
  for (const other of conversation.querySelectorAll('.source.highlighted'))
    other.classList.remove('highlighted');
  card.classList.add('highlighted');
  card.scrollIntoView({ block: 'nearest' });
  card.querySelector('summary').focus({ preventScroll: true });
});

document.getElementById('new-conversation').addEventListener('click', () => {
  streaming?.controller.abort();
  sessionId = undefined;
  conversation.replaceChildren();
  emptyState.hidden = false;
  clearError();
  questionInput.focus();
});
