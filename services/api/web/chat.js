// Course-notes chat page: streams answers from POST v1/ask (Server-Sent Events), no framework.
const form = document.getElementById('ask-form');
const questionInput = document.getElementById('question');
const askButton = document.getElementById('ask');
const conversation = document.getElementById('conversation');
const emptyHint = document.getElementById('empty');
const errorBox = document.getElementById('error');
const apiKeyInput = document.getElementById('api-key');
const settings = document.getElementById('settings');
const engineLine = document.getElementById('engine');

const KEY_STORAGE = 'course-notes-qa.api-key';
let sessionId;

apiKeyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
apiKeyInput.addEventListener('change', () => sessionStorage.setItem(KEY_STORAGE, apiKeyInput.value.trim()));

fetch('healthz')
  .then((response) => (response.ok ? response.json() : null))
  .then((health) => {
    if (!health) return;
    engineLine.textContent = `Engine: ${health.engine}${health.documents ? `, ${health.documents} documents` : ''}.`;
    if (health.engine === 'bedrock' && !apiKeyInput.value) settings.open = true;
  })
  .catch(() => {});

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
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

function addTurn(question) {
  emptyHint.hidden = true;
  const turn = document.createElement('li');
  turn.className = 'turn';
  const q = document.createElement('p');
  q.className = 'question';
  q.textContent = question;
  const answer = document.createElement('p');
  answer.className = 'answer';
  answer.setAttribute('aria-live', 'polite');
  answer.setAttribute('aria-busy', 'true');
  const citations = document.createElement('ol');
  citations.className = 'citations';
  citations.setAttribute('aria-label', 'Sources');
  turn.append(q, answer, citations);
  conversation.append(turn);
  return { turn, answer, citations };
}

function renderCitation(list, citation) {
  const item = document.createElement('li');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `[${citation.id}] ${citation.title}`;
  const source = document.createElement('p');
  source.className = 'hint';
  source.textContent = `Source: ${citation.source}`;
  const excerpt = document.createElement('blockquote');
  excerpt.textContent = citation.excerpt;
  details.append(summary, source, excerpt);
  item.append(details);
  list.append(item);
}

function renderGuardrail(turn) {
  if (turn.querySelector('.notice')) return;
  const notice = document.createElement('p');
  notice.className = 'notice';
  notice.setAttribute('role', 'status');
  notice.textContent = 'The guardrail intervened on this question or answer.';
  turn.insertBefore(notice, turn.querySelector('.citations'));
}

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

async function ask(question) {
  clearError();
  const view = addTurn(question);
  const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
  const key = apiKeyInput.value.trim();
  if (key) headers['x-api-key'] = key;
  let response;
  try {
    response = await fetch('v1/ask', {
      method: 'POST',
      headers,
      body: JSON.stringify(sessionId ? { question, sessionId } : { question }),
    });
  } catch {
    view.turn.remove();
    showError('Cannot reach the server. Is it running? Check your connection and try again.');
    return;
  }
  if (!response.ok) {
    view.turn.remove();
    showError(await describeFailure(response));
    return;
  }
  for await (const { event, data } of readEvents(response.body)) {
    const payload = JSON.parse(data);
    if (event === 'delta') view.answer.textContent += payload.text;
    else if (event === 'citation') renderCitation(view.citations, payload);
    else if (event === 'guardrail') renderGuardrail(view.turn);
    else if (event === 'done') {
      sessionId = payload.sessionId;
      view.answer.textContent = payload.answer;
      if (payload.guardrail.action === 'INTERVENED') renderGuardrail(view.turn);
    } else if (event === 'error')
      showError(`The answer failed: ${payload.error.message} (request ${payload.error.requestId})`);
  }
  view.answer.setAttribute('aria-busy', 'false');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const question = questionInput.value.trim();
  if (!question) return;
  askButton.disabled = true;
  questionInput.value = '';
  try {
    await ask(question);
  } finally {
    askButton.disabled = false;
    questionInput.focus();
  }
});

questionInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById('new-conversation').addEventListener('click', () => {
  sessionId = undefined;
  conversation.replaceChildren();
  emptyHint.hidden = false;
  clearError();
  questionInput.focus();
});
