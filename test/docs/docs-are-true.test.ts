import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOY_SETTING_KEYS } from '../../infra/config.js';
import { runtimeConfigSchema } from '../../shared/config/runtime-config.js';

// The README and docs/ checked against the code they describe, so they stay true.

const DOCS = [
  'README.md',
  ...readdirSync('docs')
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const read = (file: string) => readFileSync(file, 'utf8');
/** Prose only: fenced code blocks removed (they hold shell sessions, JSON and diagrams). */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of prose(read(file)).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      (heading ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return anchors;
}

describe('README and docs', () => {
  it('every relative link points at a file that exists, and every #anchor at a heading in it', () => {
    // Act
    const broken: string[] = [];
    for (const file of DOCS) {
      for (const [, target] of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^(?:https?:|mailto:)/.test(target)) continue;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path ? join(dirname(file), path) : file;
        if (!existsSync(resolved)) broken.push(`${file}: ${target} (no such file)`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor))
          broken.push(`${file}: ${target} (no such heading)`);
      }
    }

    // Assess
    expect(broken).toEqual([]);
  });

  it('every `npm run` script they mention exists', () => {
    // Prepare
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);

    // Act
    const mentioned = new Set(
      DOCS.flatMap((file) => [...read(file).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1])),
    );

    // Assess
    expect([...mentioned].filter((script) => !scripts.includes(script ?? ''))).toEqual([]);
  });

  it('docs/configuration.md documents exactly the environment variables the code reads', () => {
    // Prepare
    const keys = Object.keys(runtimeConfigSchema.def.shape).sort();
    const rows = [...read('docs/configuration.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);

    // Assess
    expect([...new Set(rows)].sort()).toEqual(keys);
  });

  it('the deploy settings table documents exactly the cdk context keys', () => {
    // Prepare
    const section = read('docs/deploy-and-operations.md').split('## Settings')[1]?.split('\n## ')[0] ?? '';
    const documented = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/`(\w+)`/g)].map((key) => key[1]),
    );

    // Assess
    expect([...new Set(documented)].sort()).toEqual([...DEPLOY_SETTING_KEYS].sort());
  });

  it('never links to the design card outside the repository', () => {
    for (const file of DOCS) expect(read(file), file).not.toMatch(/\.\.\/shared\/DESIGN\.md/);
  });
});
