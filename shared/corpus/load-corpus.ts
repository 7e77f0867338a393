import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import type { DocumentMetadata } from '../domain.js';
import { type NormalisedDocument, normaliseText } from './normalise-text.js';

/** File extensions the offline engine ingests (a subset of what Bedrock KB data sources accept). */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;

/** A loaded, normalised corpus document. */
export interface CorpusDocument extends NormalisedDocument {
  /** Path relative to the corpus folder with `/` separators, e.g. `aif-c01-course-slides.txt`. */
  source: string;
  title: string;
  metadata: DocumentMetadata;
  /** Size of the raw file in bytes (for throughput figures). */
  bytes: number;
}

const METADATA_SUFFIX = '.metadata.json';

/**
 * Largest document read, in bytes: the Bedrock knowledge-base quota for one source file, so a
 * corpus that loads offline also ingests on AWS (and one stray export cannot exhaust memory).
 */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

function formatOf(file: string): 'text' | 'markdown' | 'html' {
  const extension = extname(file).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  return 'text';
}

/** Turns `aif-c01-course-slides.txt` into `Aif c01 course slides` when no title is known. */
function titleFromFileName(file: string): string {
  const stem = basename(file, extname(file)).replace(/[-_]+/g, ' ').trim();
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

/** Reads a Bedrock metadata sidecar; a missing sidecar is fine, a broken one is an error. */
async function readMetadata(file: string): Promise<Partial<DocumentMetadata> & { [key: string]: unknown }> {
  let raw: string;
  try {
    raw = await readFile(`${file}${METADATA_SUFFIX}`, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${file}${METADATA_SUFFIX} is not valid JSON: ${(error as Error).message}`);
  }
  const attributes = (parsed as { metadataAttributes?: unknown }).metadataAttributes;
  if (typeof attributes !== 'object' || attributes === null) {
    throw new Error(
      `${file}${METADATA_SUFFIX} must have a "metadataAttributes" object (Bedrock sidecar format)`,
    );
  }
  return attributes as Partial<DocumentMetadata>;
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => SUPPORTED_EXTENSIONS.includes(extname(file).toLowerCase() as never))
    .sort();
}

/**
 * The `source` of every document `loadCorpus(folder)` would load (paths relative to the folder,
 * `/`-separated), without reading them.
 */
export async function listCorpusSources(folder: string): Promise<string[]> {
  return (await listFiles(folder)).map((file) => relative(folder, file).split(sep).join('/'));
}

/** Parses one document from memory; used by the loader and by tests and benchmarks. */
export function parseDocument(
  source: string,
  raw: string,
  metadata: Partial<DocumentMetadata> = {},
): CorpusDocument {
  const normalised = normaliseText(raw, formatOf(source));
  const title = metadata.title ?? normalised.title ?? titleFromFileName(source);
  const topics = Array.isArray(metadata.topics) ? metadata.topics.map(String) : [];
  return {
    ...normalised,
    source,
    title,
    metadata: { ...metadata, title, topics },
    bytes: Buffer.byteLength(raw),
  };
}

/**
 * Loads every supported file under `folder` (recursively) with its metadata sidecar.
 * Throws when the folder does not exist or holds no supported file, saying what it looked for.
 */
export async function loadCorpus(folder: string): Promise<CorpusDocument[]> {
  let files: string[];
  try {
    files = await listFiles(folder);
  } catch (error) {
    throw new Error(
      `Corpus folder "${folder}" cannot be read (${(error as NodeJS.ErrnoException).code}). Set CORPUS_DIR to a folder of notes.`,
    );
  }
  if (files.length === 0) {
    throw new Error(
      `Corpus folder "${folder}" has no ${SUPPORTED_EXTENSIONS.join(', ')} files. Add notes or set CORPUS_DIR.`,
    );
  }
  return Promise.all(
    files.map(async (file) => {
      const { size } = await stat(file);
      if (size > MAX_DOCUMENT_BYTES) {
        throw new Error(
          `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; documents are limited to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB (the Bedrock knowledge-base quota per file). Split it or leave it out of CORPUS_DIR.`,
        );
      }
      const [raw, metadata] = await Promise.all([readFile(file, 'utf8'), readMetadata(file)]);
      return parseDocument(relative(folder, file).split(sep).join('/'), raw, metadata);
    }),
  );
}
