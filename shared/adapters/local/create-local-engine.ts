import { chunkCorpus } from '../../corpus/chunk-document.js';
import {
  type ChunkingSettings,
  defaultChunkingSettings,
  validateChunkingSettings,
} from '../../corpus/chunking-settings.js';
import { loadCorpus } from '../../corpus/load-corpus.js';
import { createLocalGuardrail } from '../../guardrail/create-local-guardrail.js';
import { guardrailPolicyFor } from '../../guardrail/guardrail-policy.js';
import type { Answerer, Guardrail } from '../../ports.js';
import { type AssistantProfile, courseNotesProfile } from '../../profile/assistant-profile.js';
import { createExtractiveAnswerer } from './extractive-answerer.js';
import { createLocalRetriever, type LocalRetriever, type RetrievalTuning } from './local-retriever.js';
import { createMemorySessionStore } from './memory-session-store.js';
import { expandSynonyms } from './synonyms.js';

export interface LocalEngineOptions {
  corpusDir: string;
  /** Subject, messages and denied topics; default: the course notes. */
  profile?: AssistantProfile;
  chunking?: ChunkingSettings;
  tuning?: Partial<RetrievalTuning>;
  defaultK?: number;
  sessionTtlSeconds?: number;
}

export interface LocalEngine {
  retriever: LocalRetriever;
  answerer: Answerer;
  guardrail: Guardrail;
  stats: { documents: number; chunks: number; bytes: number; buildMs: number };
}

/** Loads, normalises, chunks and indexes the corpus, and wires the offline answerer and guardrail. */
export async function createLocalEngine(options: LocalEngineOptions): Promise<LocalEngine> {
  const started = performance.now();
  const chunking = validateChunkingSettings(options.chunking ?? defaultChunkingSettings);
  const documents = await loadCorpus(options.corpusDir);
  const chunks = chunkCorpus(documents, chunking);
  const retriever = createLocalRetriever({
    chunks,
    ...(options.tuning ? { tuning: options.tuning } : {}),
    ...(options.defaultK ? { defaultK: options.defaultK } : {}),
  });
  const sessions = createMemorySessionStore({ ttlSeconds: options.sessionTtlSeconds ?? 3600 });
  const profile = options.profile ?? courseNotesProfile;
  const answerer = createExtractiveAnswerer({
    retriever,
    sessions,
    noAnswerMessage: profile.noAnswerMessage,
    ...(options.defaultK ? { defaultK: options.defaultK } : {}),
  });
  const guardrail = createLocalGuardrail({
    policy: guardrailPolicyFor(profile),
    // The relevance check reads the question as the engine searched it: corrected spelling,
    // acronyms and paraphrases.
    expandQuery: (query) =>
      `${retriever.withCorrections(query)} ${expandSynonyms(query)} ${retriever.expansion.expand(query)}`,
  });
  return {
    retriever,
    answerer,
    guardrail,
    stats: {
      documents: documents.length,
      chunks: chunks.length,
      bytes: documents.reduce((sum, document) => sum + document.bytes, 0),
      buildMs: Math.round(performance.now() - started),
    },
  };
}
