import type { compareReports } from './compare-reports.js';
import type { EvaluationReport, QuestionResult } from './run-evaluation.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

type Format = 'share' | 'score' | 'count' | 'ms' | 'words' | 'tokens';

interface MetricInfo {
  name: string;
  explanation: string;
  format: Format;
  group: 'Retrieval' | 'Answers' | 'Safety' | 'Speed and cost';
  lowerIsBetter?: boolean;
}

/** Human names for the report's metrics, each with what it measures in one line. */
export const METRICS: Record<string, MetricInfo> = {
  questions: {
    name: 'Questions the notes answer',
    explanation: 'Questions in the set whose answer is in the documents.',
    format: 'count',
    group: 'Retrieval',
  },
  hitAt1: {
    name: 'Right passage ranked first',
    explanation: 'The first retrieved passage contains the evidence for the answer.',
    format: 'share',
    group: 'Retrieval',
  },
  hitAt5: {
    name: 'Right passage in the top 5',
    explanation: 'One of the first five retrieved passages contains the evidence.',
    format: 'share',
    group: 'Retrieval',
  },
  mrr: {
    name: 'Mean reciprocal rank',
    explanation: '1 when the right passage comes first, ½ when second, ⅓ when third…, averaged.',
    format: 'score',
    group: 'Retrieval',
  },
  evidenceWithin300Words: {
    name: 'Evidence in the first 300 words',
    explanation: 'The evidence lies within the first 300 words of retrieved text, whatever the chunk size.',
    format: 'share',
    group: 'Retrieval',
  },
  evidenceWithin600Words: {
    name: 'Evidence in the first 600 words',
    explanation: 'The same within 600 words.',
    format: 'share',
    group: 'Retrieval',
  },
  answerKeywordAccuracy: {
    name: 'Answers with the expected keywords',
    explanation: 'The answer contains every keyword the reference answer requires.',
    format: 'share',
    group: 'Answers',
  },
  rougeL: {
    name: 'Wording overlap with the reference (ROUGE-L)',
    explanation: 'Longest run of words shared with the reference answer, 0 to 1.',
    format: 'score',
    group: 'Answers',
  },
  bleu: {
    name: 'Phrase overlap with the reference (BLEU)',
    explanation: 'Shared one- to four-word phrases, 0 to 1; low for right answers in other words.',
    format: 'score',
    group: 'Answers',
  },
  citationFaithfulness: {
    name: 'Cited sentences backed by their source',
    explanation:
      'At least 80 % of a cited sentence’s words appear in the excerpt it cites. It says nothing about whether the answer is right.',
    format: 'share',
    group: 'Answers',
  },
  citedAnswers: {
    name: 'Answers citing a source',
    explanation: 'Answers to covered questions that cite at least one passage.',
    format: 'share',
    group: 'Answers',
  },
  coveredRefused: {
    name: 'Covered questions refused',
    explanation: 'Questions the notes do answer, answered “not covered”.',
    format: 'share',
    group: 'Answers',
    lowerIsBetter: true,
  },
  nonAnswerQuotes: {
    name: 'Answers quoting a non-answer',
    explanation: 'Answers that cite a heading, label, footer or markup instead of a sentence.',
    format: 'count',
    group: 'Answers',
    lowerIsBetter: true,
  },
  noAnswerAccuracy: {
    name: 'Uncovered questions declined',
    explanation: 'Questions the notes do not cover, answered “not covered” instead of guessed.',
    format: 'share',
    group: 'Safety',
  },
  guardrailAccuracy: {
    name: 'Guardrail decisions as labelled',
    explanation: 'Test inputs allowed, masked or blocked as their label says.',
    format: 'share',
    group: 'Safety',
  },
  guardrailOverBlocking: {
    name: 'Harmless inputs blocked',
    explanation:
      'Inputs labelled as allowed that the guardrail blocked (study questions about attacks, PII…).',
    format: 'share',
    group: 'Safety',
    lowerIsBetter: true,
  },
  latencyP50Ms: {
    name: 'Typical answer time (median)',
    explanation: 'Half the answers took less.',
    format: 'ms',
    group: 'Speed and cost',
    lowerIsBetter: true,
  },
  latencyP95Ms: {
    name: 'Slow answer time (95th percentile)',
    explanation: 'One answer in twenty took longer.',
    format: 'ms',
    group: 'Speed and cost',
    lowerIsBetter: true,
  },
  latencyP99Ms: {
    name: 'Slowest answer time (99th percentile)',
    explanation: 'One answer in a hundred took longer.',
    format: 'ms',
    group: 'Speed and cost',
    lowerIsBetter: true,
  },
  contextWordsPerAnswer: {
    name: 'Retrieved words per answer',
    explanation: 'Text a model would read for each question.',
    format: 'words',
    group: 'Speed and cost',
    lowerIsBetter: true,
  },
  contextTokensPerAnswer: {
    name: 'Retrieved tokens per answer (estimate)',
    explanation: 'The same in tokens, what Bedrock bills as input.',
    format: 'tokens',
    group: 'Speed and cost',
    lowerIsBetter: true,
  },
  errors: {
    name: 'Questions that failed with an error',
    explanation: 'The target answered with an error instead of an answer.',
    format: 'count',
    group: 'Answers',
    lowerIsBetter: true,
  },
};

/** A metric the table does not know yet: its key spelt out, shown as a plain number. */
function metricInfo(key: string): MetricInfo {
  return (
    METRICS[key] ?? {
      name: key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase()),
      explanation: '',
      format: 'score',
      group: 'Answers',
    }
  );
}

function formatValue(value: number, format: Format): string {
  if (format === 'share') return `${(value * 100).toFixed(1).replace(/\.0$/, '')} %`;
  if (format === 'score') return value.toFixed(3);
  if (format === 'ms') return `${value} ms`;
  return String(value);
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** Why a covered question counts as failed; the headline and the failure list share it. */
function failureReasons(question: QuestionResult): string[] {
  const reasons: string[] = [];
  if (question.error) reasons.push('error');
  if (question.rank === null) reasons.push('right passage not retrieved');
  else if (question.rank !== 1) reasons.push(`right passage ranked ${question.rank}`);
  if (question.refused) reasons.push('answered “not covered”');
  else if (!question.keywordsFound && !question.error) reasons.push('expected keywords missing');
  return reasons;
}

/** One labelled bar per row; values are shares (0–1) unless `max` is given. HTML, so text stays legible. */
function bars(
  rows: { label: string; value: number; note?: string; tone?: 'good' | 'bad' | 'muted' }[],
  max = 1,
): string {
  return `<div class="bars">${rows
    .map((row) => {
      const width = Math.max(0, Math.min(100, (row.value / (max || 1)) * 100));
      return `<div class="bar-row"><span class="bar-label">${escapeHtml(row.label)}</span><span class="bar-track"><span class="bar ${row.tone ?? ''}" style="width:${width.toFixed(1)}%"></span></span><span class="bar-value">${escapeHtml(row.note ?? String(row.value))}</span></div>`;
    })
    .join('')}</div>`;
}

function figure(title: string, caption: string, body: string): string {
  return `<figure class="chart"><figcaption><b>${escapeHtml(title)}</b><span>${escapeHtml(caption)}</span></figcaption>${body}</figure>`;
}

interface GroupScores {
  name: string;
  questions: number;
  first: number;
  keywords: number;
  refused: number;
}

function groupBy(questions: QuestionResult[], keyOf: (question: QuestionResult) => string): GroupScores[] {
  const groups = new Map<string, QuestionResult[]>();
  for (const question of questions) {
    const key = keyOf(question);
    groups.set(key, [...(groups.get(key) ?? []), question]);
  }
  return [...groups].map(([name, members]) => ({
    name,
    questions: members.length,
    first: percent(members.filter((q) => q.rank === 1).length, members.length),
    keywords: percent(members.filter((q) => q.keywordsFound).length, members.length),
    refused: members.filter((q) => q.refused).length,
  }));
}

function legend(items: { label: string; tone: string }[]): string {
  return `<p class="legend">${items.map((item) => `<span><i class="swatch ${item.tone}"></i>${escapeHtml(item.label)}</span>`).join('')}</p>`;
}

function groupTitle(name: string, questions: number, refused: number): string {
  const extra = refused ? ` · ${refused} refused` : '';
  return `<p class="group-name">${escapeHtml(name)} <span>${questions} question${questions === 1 ? '' : 's'}${extra}</span></p>`;
}

/** Two bars per group (retrieval, answer), weakest groups first, so differences stand out. */
function groupChart(title: string, caption: string, groups: GroupScores[]): string {
  const sorted = [...groups].sort((a, b) => a.first + a.keywords - (b.first + b.keywords));
  const body = sorted
    .map(
      (group) =>
        `<div class="group">${groupTitle(group.name, group.questions, group.refused)}${bars([
          { label: 'Passage first', value: group.first, note: formatValue(group.first, 'share') },
          {
            label: 'Keywords',
            value: group.keywords,
            note: formatValue(group.keywords, 'share'),
            tone: 'good',
          },
        ])}</div>`,
    )
    .join('');
  return figure(
    title,
    caption,
    legend([
      { label: 'Right passage ranked first', tone: '' },
      { label: 'Answer has the expected keywords', tone: 'good' },
    ]) + body,
  );
}

/** Per question class when the set labels classes (with the uncovered questions' abstentions). */
function classChart(report: EvaluationReport): string {
  const classes = Object.entries(report.perClass ?? {});
  if (classes.length === 0) {
    return groupChart(
      'By topic',
      'The set labels no question types; weakest topics first.',
      groupBy(report.questions, (q) => q.topic),
    );
  }
  const covered = new Map(
    groupBy(report.questions, (q) => q.class ?? 'unlabelled').map((g) => [g.name, g.questions]),
  );
  const weakness = ([name, scores]: [string, (typeof classes)[number][1]]) =>
    (covered.get(name) ?? 0) > 0 ? scores.evidenceWithin600Words + scores.keywordAccuracy : 3; // uncovered-only last
  const body = classes
    .sort((a, b) => weakness(a) - weakness(b))
    .map(([name, scores]) => {
      const answerable = covered.get(name) ?? 0;
      const uncovered = scores.questions - answerable;
      const rows: Parameters<typeof bars>[0] =
        answerable > 0
          ? [
              {
                label: 'Evidence',
                value: scores.evidenceWithin600Words,
                note: formatValue(scores.evidenceWithin600Words, 'share'),
              },
              {
                label: 'Keywords',
                value: scores.keywordAccuracy,
                note: formatValue(scores.keywordAccuracy, 'share'),
                tone: 'good',
              },
            ]
          : [];
      if (uncovered > 0) {
        rows.push({
          label: 'Declined',
          value: percent(scores.abstained, uncovered),
          note: `${scores.abstained} of ${uncovered}`,
          tone: 'muted',
        });
      }
      return `<div class="group">${groupTitle(name, scores.questions, scores.refused)}${bars(rows)}</div>`;
    })
    .join('');
  return figure(
    'By question type',
    'Weakest types first. “Refused”: questions the notes answer, answered “not covered”.',
    legend([
      { label: 'Evidence in the first 600 retrieved words', tone: '' },
      { label: 'Answer has the expected keywords', tone: 'good' },
      { label: 'Uncovered questions declined', tone: 'muted' },
    ]) + body,
  );
}

/** Retrieval outcome against answer outcome: shows whether wrong answers come from retrieval. */
function retrievalVersusAnswer(questions: QuestionResult[]): string {
  const rows = [
    { label: 'Right passage first', test: (q: QuestionResult) => q.rank === 1 },
    { label: 'Right passage in 2–5', test: (q: QuestionResult) => q.rank !== null && q.rank > 1 },
    { label: 'Not retrieved', test: (q: QuestionResult) => q.rank === null },
  ];
  const columns = [
    { label: 'Keywords found', test: (q: QuestionResult) => q.keywordsFound },
    { label: 'Keywords missing', test: (q: QuestionResult) => !q.keywordsFound && !q.refused },
    { label: 'Refused', test: (q: QuestionResult) => !q.keywordsFound && q.refused },
  ];
  const max = Math.max(1, questions.length);
  const cells = rows
    .map((row) => {
      const tds = columns
        .map((column, index) => {
          const count = questions.filter((q) => row.test(q) && column.test(q)).length;
          const strength = count === 0 ? 0 : 0.15 + 0.85 * (count / max);
          const tone = index === 0 ? 'good' : 'bad'; // a right answer is good whatever the rank
          return `<td class="cell ${tone}" style="--strength:${strength.toFixed(2)}">${count}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${row.label}</th>${tds}</tr>`;
    })
    .join('');
  return figure(
    'Retrieval against answer',
    'Questions by what retrieval found and what the answer said. Misses beside a right passage point at the answerer.',
    `<table class="matrix"><thead><tr><th></th>${columns.map((c) => `<th scope="col">${c.label}</th>`).join('')}</tr></thead><tbody>${cells}</tbody></table>`,
  );
}

/** By the document of each question's top passage: which documents rank well and feed good answers. */
function sourceChart(questions: QuestionResult[]): string {
  const withPassages = questions.filter((q) => q.retrieved.length > 0);
  if (withPassages.length === 0) return '';
  return groupChart(
    'By source of the top passage',
    'Questions grouped by the document their first passage came from; weakest first.',
    groupBy(withPassages, (q) => q.retrieved[0]?.source ?? ''),
  );
}

const LATENCY_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 60000];

function latencyChart(report: EvaluationReport): string {
  const values = report.latenciesMs;
  if (values.length === 0) return '';
  const counts = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0);
  for (const value of values) {
    const index = LATENCY_BUCKETS.findIndex((limit) => value < limit);
    counts[index === -1 ? LATENCY_BUCKETS.length : index] =
      (counts[index === -1 ? LATENCY_BUCKETS.length : index] ?? 0) + 1;
  }
  const first = counts.findIndex((count) => count > 0);
  const last = counts.length - 1 - [...counts].reverse().findIndex((count) => count > 0);
  const label = (limit: number) => (limit >= 1000 ? `${limit / 1000} s` : `${limit} ms`);
  const rows = [];
  for (let index = first; index <= last; index++) {
    const lower = index === 0 ? 0 : (LATENCY_BUCKETS[index - 1] ?? 0);
    const upper = LATENCY_BUCKETS[index];
    const name =
      upper === undefined
        ? `over ${label(lower)}`
        : index === 0
          ? `under ${label(upper)}`
          : `${label(lower)}–${label(upper)}`;
    rows.push({
      label: name,
      value: counts[index] ?? 0,
      note: String(counts[index] ?? 0),
      tone: 'muted' as const,
    });
  }
  const o = report.overall;
  return figure(
    'Answer time',
    `Questions per time band. Median ${o.latencyP50Ms} ms, 95th percentile ${o.latencyP95Ms} ms, 99th ${o.latencyP99Ms} ms.`,
    bars(rows, Math.max(...counts)),
  );
}

/** Before and after bars for each metric that changed against the baseline. */
function comparisonChart(comparison: ReturnType<typeof compareReports>): string {
  if (comparison.length === 0) return '<p>No metric changed against the baseline.</p>';
  const body = comparison
    .map((row) => {
      const info = metricInfo(row.metric);
      const max = info.format === 'share' ? 1 : Math.max(row.before, row.after) || 1;
      // The report's own sense of "better" where it knows the metric (fewer refusals are better).
      const change = !METRICS[row.metric]
        ? row.change
        : (info.lowerIsBetter ? row.after < row.before : row.after > row.before)
          ? 'improved'
          : 'regressed';
      const delta =
        info.format === 'share'
          ? `${row.after >= row.before ? '+' : '−'}${Math.abs((row.after - row.before) * 100).toFixed(1)} pts`
          : `${row.after >= row.before ? '+' : '−'}${Number(Math.abs(row.after - row.before).toFixed(3))}`;
      const label =
        row.metric === 'questions' ? 'changed' : change === 'improved' ? '▲ improved' : '▼ regressed';
      return `<div class="group ${row.metric === 'questions' ? '' : change}"><p class="group-name">${escapeHtml(info.name)} <span class="change">${label} ${delta}</span></p>${bars(
        [
          {
            label: 'Baseline',
            value: row.before,
            note: formatValue(row.before, info.format),
            tone: 'muted',
          },
          {
            label: 'This run',
            value: row.after,
            note: formatValue(row.after, info.format),
            tone: row.metric === 'questions' ? 'muted' : change === 'improved' ? 'good' : 'bad',
          },
        ],
        max,
      )}</div>`;
    })
    .join('');
  return figure(
    'Changed against the baseline',
    'Only metrics that moved; latency only when the runs differ beyond noise.',
    body,
  );
}

function metricTable(report: EvaluationReport): string {
  const groups = new Map<string, string[]>();
  for (const [key, value] of Object.entries(report.overall)) {
    const info = metricInfo(key);
    const row = `<div class="metric"><div><b>${escapeHtml(info.name)}</b>${info.explanation ? `<span>${escapeHtml(info.explanation)}</span>` : ''}</div><div class="metric-value">${escapeHtml(formatValue(value, info.format))}</div></div>`;
    groups.set(info.group, [...(groups.get(info.group) ?? []), row]);
  }
  return [...groups]
    .map(([group, rows]) => `<section class="metrics"><h3>${group}</h3>${rows.join('')}</section>`)
    .join('');
}

function failureCard(question: QuestionResult): string {
  const badges = failureReasons(question)
    .map((reason) => `<span class="badge">${escapeHtml(reason)}</span>`)
    .join('');
  const answer = question.error ? `Error: ${question.error}` : question.answer;
  const retrieved = question.retrieved
    .map((passage) => `<li><b>${escapeHtml(passage.source)}</b>: ${escapeHtml(passage.excerpt)}</li>`)
    .join('');
  return `<article class="failure"><p class="failure-id">${escapeHtml(question.id)} · ${escapeHtml(question.class ?? question.topic)}</p><h3>${escapeHtml(question.question)}</h3><p>${badges}</p><p class="answer">${escapeHtml(answer.slice(0, 400))}${answer.length > 400 ? '…' : ''}</p>${retrieved ? `<details><summary>Retrieved passages (${question.retrieved.length})</summary><ol>${retrieved}</ol></details>` : ''}</article>`;
}

const STYLE = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1e24;background:#f4f6f9;margin:0}
main{max-width:62rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .6rem}h3{font-size:1rem;margin:0 0 .4rem}
.meta{color:#545c6b;margin:0 0 1rem;overflow-wrap:anywhere}
.headline{background:#fff;border:1px solid #d6dbe3;border-radius:.75rem;padding:1rem;font-size:1.05rem}
.headline p{margin:.25rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.6rem;margin:1rem 0}
.card{background:#fff;border:1px solid #d6dbe3;border-radius:.75rem;padding:.75rem .9rem}
.card b{display:block;font-size:1.6rem;line-height:1.2}.card span{display:block;font-weight:600}.card small{display:block;color:#545c6b;font-size:.85rem;line-height:1.35;margin-top:.2rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr));gap:1rem;align-items:start}
.chart{margin:0;background:#fff;border:1px solid #d6dbe3;border-radius:.75rem;padding:.9rem;min-width:0}
figcaption{margin-bottom:.6rem}figcaption b{display:block;font-size:1.05rem}figcaption span{display:block;color:#545c6b;font-size:.88rem}
.group{margin:.6rem 0 .9rem}.group-name{margin:0 0 .25rem;font-weight:600;overflow-wrap:anywhere}.group-name span{font-weight:400;color:#545c6b;font-size:.88rem}
.bars{display:grid;gap:.3rem}
.bar-row{display:grid;grid-template-columns:minmax(5rem,9rem) 1fr 4.5rem;gap:.5rem;align-items:center;font-size:.88rem}
.bar-label{overflow-wrap:anywhere}.bar-value{text-align:right;font-variant-numeric:tabular-nums}
.bar-track{background:#e8ecf2;border-radius:.25rem;height:.9rem;overflow:hidden}
.bar{display:block;height:100%;background:#1f5fbf;border-radius:.25rem}.bar.good{background:#1e7f4f}.bar.bad{background:#b3261e}.bar.muted{background:#7a8494}
.change{font-size:.88rem}.improved .change{color:#1e7f4f}.regressed .change{color:#b3261e}
.matrix{border-collapse:collapse;width:100%;font-size:.88rem;overflow-wrap:normal}
.matrix th,.matrix td{border:1px solid #d6dbe3;padding:.4rem .3rem;text-align:center}.matrix th[scope=row]{text-align:left}
.cell.good{background:rgba(30,127,79,var(--strength))}.cell.bad{background:rgba(179,38,30,var(--strength))}
.metrics{background:#fff;border:1px solid #d6dbe3;border-radius:.75rem;padding:.75rem .9rem;margin:.6rem 0}
.metric{display:flex;justify-content:space-between;gap:1rem;padding:.45rem 0;border-top:1px solid #eef1f5}
.metric:first-of-type{border-top:0}.metric span{display:block;color:#545c6b;font-size:.85rem}.metric-value{font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
.failures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,26rem),1fr));gap:.75rem}
.failure{background:#fff;border:1px solid #d6dbe3;border-left:4px solid #b3261e;border-radius:.6rem;padding:.75rem .9rem;min-width:0;overflow-wrap:anywhere}
.failure-id{margin:0;color:#545c6b;font-size:.85rem}.failure .answer{font-size:.92rem;background:#f7f8fa;border-radius:.4rem;padding:.4rem .6rem}
.badge{display:inline-block;background:#fde8e8;color:#8c1d18;border-radius:999px;padding:.05rem .6rem;margin:0 .3rem .3rem 0;font-size:.82rem}
details summary{cursor:pointer;color:#1f5fbf}details ol{padding-left:1.2rem;font-size:.88rem}
ul.plain{padding-left:1.2rem}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:0 0 .4rem;font-size:.85rem;color:#545c6b}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:.2rem;background:#1f5fbf;margin-right:.3rem;vertical-align:-.1rem}.swatch.good{background:#1e7f4f}.swatch.muted{background:#7a8494}
@media (max-width:480px){main{padding:.6rem}.chart{padding:.7rem .6rem}.bar-row{grid-template-columns:5.2rem 1fr 4rem}.metric{flex-direction:column;gap:.1rem}}
`;

/** A self-contained HTML report: headline, figures with explanations, charts, failures, comparison. */
export function renderHtmlReport(
  report: EvaluationReport,
  comparison?: ReturnType<typeof compareReports>,
): string {
  const o = report.overall;
  const failures = report.questions.filter((question) => failureReasons(question).length > 0);
  const retrievalMisses = report.questions.filter((q) => q.rank !== 1).length;
  const answerMisses = report.questions.filter((q) => !q.keywordsFound).length;
  const declined = report.noAnswer.filter((item) => item.abstained).length;
  const guardrailRight = report.guardrail.filter((item) => item.observed === item.expected).length;
  const headline = `<div class="headline">
<p><b>${report.questions.length - failures.length} of ${report.questions.length}</b> questions the notes answer passed; <b>${failures.length}</b> failed${failures.length ? ` (right passage not first: ${retrievalMisses}; expected keywords missing: ${answerMisses}; a question can fail both)` : ''}.</p>
<p>Questions the notes do not cover: <b>${declined} of ${report.noAnswer.length}</b> declined. Guardrail: <b>${guardrailRight} of ${report.guardrail.length}</b> inputs handled as labelled.${o.errors ? ` <b>${o.errors}</b> questions ended in an error.` : ''}</p>
</div>`;
  const keyFigures = [
    'hitAt1',
    'hitAt5',
    'answerKeywordAccuracy',
    'citationFaithfulness',
    'noAnswerAccuracy',
    'guardrailAccuracy',
    'latencyP50Ms',
  ]
    .filter((key) => key in o)
    .map((key) => {
      const info = metricInfo(key);
      const value = (o as unknown as Record<string, number>)[key] ?? 0;
      return `<div class="card"><b>${escapeHtml(formatValue(value, info.format))}</b><span>${escapeHtml(info.name)}</span><small>${escapeHtml(info.explanation)}</small></div>`;
    })
    .join('');
  const guardrailMisses = report.guardrail
    .filter((item) => item.expected !== item.observed)
    .map((item) => `<li>${escapeHtml(item.text)}: expected ${item.expected}, got ${item.observed}</li>`)
    .join('');
  const answeredUncovered = report.noAnswer
    .filter((item) => !item.abstained)
    .map((item) => `<li>${escapeHtml(item.question)}</li>`)
    .join('');
  const nonAnswers = report.questions
    .filter((q) => q.nonAnswers.length > 0)
    .map(
      (q) =>
        `<li><b>${escapeHtml(q.id)}</b> ${escapeHtml(q.question)}: ${q.nonAnswers.map((n) => `“${escapeHtml(n.sentence)}” (${escapeHtml(n.reason)})`).join('; ')}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evaluation report – ${escapeHtml(report.target)}</title>
<style>${STYLE}</style></head>
<body><main>
<h1>Evaluation report</h1>
<p class="meta">${escapeHtml(report.target)} · ${report.k} passages per question · ${escapeHtml(report.createdAt)}</p>
${headline}
<div class="cards">${keyFigures}</div>
${comparison ? `<h2>Compared with the baseline</h2>${comparisonChart(comparison)}` : ''}
<h2>Charts</h2>
<div class="charts">
${classChart(report)}
${retrievalVersusAnswer(report.questions)}
${sourceChart(report.questions)}
${latencyChart(report)}
</div>
<h2>Failures (${failures.length})</h2>
<p>A question fails when its right passage is not ranked first, its answer lacks an expected keyword, it is refused, or it ends in an error.</p>
${failures.length ? `<div class="failures">${failures.map(failureCard).join('')}</div>` : '<p>None.</p>'}
<h2>All figures</h2>
${metricTable(report)}
<h2>Guardrail mismatches</h2>${guardrailMisses ? `<ul class="plain">${guardrailMisses}</ul>` : '<p>None.</p>'}
<h2>Uncovered questions answered anyway</h2>${answeredUncovered ? `<ul class="plain">${answeredUncovered}</ul>` : `<p>None: all ${report.noAnswer.length} were declined.</p>`}
<h2>Answers quoting a non-answer</h2>${nonAnswers ? `<ul class="plain">${nonAnswers}</ul>` : '<p>None.</p>'}
</main></body></html>`;
}
