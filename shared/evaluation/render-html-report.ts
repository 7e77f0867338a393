import type { compareReports } from './compare-reports.js';
import type { EvaluationReport } from './run-evaluation.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** Horizontal bar chart as inline SVG (no scripts, no network). */
function barChart(title: string, rows: { label: string; value: number }[], max = 1): string {
  const rowHeight = 22;
  const width = 640;
  const labelWidth = 200;
  const height = rows.length * rowHeight + 30;
  const bars = rows
    .map((row, index) => {
      const y = 24 + index * rowHeight;
      const barWidth = Math.max(1, ((width - labelWidth - 60) * row.value) / (max || 1));
      return `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(row.label)}</text>
<rect x="${labelWidth}" y="${y + 2}" width="${barWidth.toFixed(1)}" height="${rowHeight - 6}" fill="#2f6fdf"><title>${escapeHtml(row.label)}: ${row.value}</title></rect>
<text x="${labelWidth + barWidth + 6}" y="${y + 14}">${row.value}</text>`;
    })
    .join('\n');
  return `<figure><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" font-size="12" font-family="system-ui, sans-serif">
<text x="0" y="14" font-weight="bold">${escapeHtml(title)}</text>${bars}</svg></figure>`;
}

/** Latency histogram in ten buckets. */
function histogram(title: string, values: number[]): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  const min = Math.min(...values);
  const bucketSize = (max - min) / 10 || 1;
  const counts = new Array<number>(10).fill(0);
  for (const value of values) {
    const bucket = Math.min(9, Math.floor((value - min) / bucketSize));
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return barChart(
    title,
    counts.map((count, index) => ({
      label: `${(min + index * bucketSize).toFixed(1)}–${(min + (index + 1) * bucketSize).toFixed(1)} ms`,
      value: count,
    })),
    Math.max(...counts),
  );
}

/** A self-contained HTML report: figures, charts, failures with what was retrieved, comparison. */
export function renderHtmlReport(
  report: EvaluationReport,
  comparison?: ReturnType<typeof compareReports>,
): string {
  const overallRows = Object.entries(report.overall)
    .map(([metric, value]) => `<tr><th scope="row">${metric}</th><td>${value}</td></tr>`)
    .join('');
  const failures = report.questions.filter((question) => question.rank !== 1 || !question.keywordsFound);
  const failureRows = failures
    .map(
      (
        q,
      ) => `<tr><td>${q.id}</td><td>${escapeHtml(q.question)}</td><td>${q.rank ?? 'miss'}</td><td>${q.keywordsFound ? 'yes' : 'no'}</td>
<td>${escapeHtml(q.answer.slice(0, 300))}</td><td><ol>${q.retrieved.map((r) => `<li><b>${escapeHtml(r.source)}</b>: ${escapeHtml(r.excerpt)}</li>`).join('')}</ol></td></tr>`,
    )
    .join('');
  const guardrailMisses = report.guardrail
    .filter((item) => item.expected !== item.observed)
    .map((item) => `<li>${escapeHtml(item.text)}: expected ${item.expected}, got ${item.observed}</li>`)
    .join('');
  const comparisonRows = (comparison ?? [])
    .map(
      (row) =>
        `<tr class="${row.change}"><td>${row.metric}</td><td>${row.before}</td><td>${row.after}</td><td>${row.change}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evaluation report – ${escapeHtml(report.target)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.improved{background:#e6f6e6}.regressed{background:#fde8e8}figure{margin:1rem 0}ol{margin:0;padding-left:1.2rem}</style></head>
<body><h1>Evaluation report</h1>
<p>Target: <b>${escapeHtml(report.target)}</b> · k=${report.k} · ${escapeHtml(report.createdAt)}</p>
<h2>Overall</h2><table>${overallRows}</table>
${comparison ? `<h2>Compared with baseline</h2>${comparisonRows ? `<table><tr><th>metric</th><th>before</th><th>after</th><th>change</th></tr>${comparisonRows}</table>` : '<p>No metric changed.</p>'}` : ''}
<h2>Charts</h2>
${barChart(
  'hit@5 per topic',
  Object.entries(report.perTopic).map(([label, scores]) => ({ label, value: scores.hitAt5 })),
)}
${histogram('Answer latency distribution', report.latenciesMs)}
<h2>Failures (${failures.length})</h2>
<table><tr><th>id</th><th>question</th><th>first hit</th><th>keywords</th><th>answer</th><th>retrieved</th></tr>${failureRows}</table>
<h2>Guardrail mismatches</h2>${guardrailMisses ? `<ul>${guardrailMisses}</ul>` : '<p>None.</p>'}
<h2>Questions the notes do not cover</h2><ul>${report.noAnswer.map((item) => `<li>${escapeHtml(item.question)}: ${item.abstained ? 'abstained' : '<b>answered</b>'}</li>`).join('')}</ul>
</body></html>`;
}
