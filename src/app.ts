// The composition root: the only place that picks concrete adapters (SQLite stores, embedder, reranker, chat model)
// and hands them to the pipelines. The CLI and the server both talk to this App and nothing below it.

import { join } from 'node:path';
import { type AskResult, answerQuestion } from './answer/answer-question.js';
import type { AnswerLength } from './answer/extractive.js';
import { type BankData, type BankIndex, packageRoot, readBank, readBankIndex } from './bank/bank-data.js';
import { bankDocuments } from './bank/bank-to-units.js';
import type { Bank, BankQuestion } from './bank/load-bank.js';
import { bankItem, type QuestionItem, userItem } from './bank/question-item.js';
import { lazyLexicon } from './bank/read-lexicon.js';
import type { CalcSummary } from './calc/answer-calculation.js';
import type { Config } from './config/config.js';
import { AppError } from './core/errors.js';
import type { StoredUnit } from './core/types.js';
import type { FileReport, IngestSummary } from './ingest/ingest-files.js';
import type { ChatModel, DecodingOptions } from './models/chat-model.js';
import type { Embedder } from './models/embedder.js';
import { HashedNgramEmbedder } from './models/hashed-ngram-embedder.js';
import type { Fetch } from './models/http-retry.js';
import { OnnxEmbedder } from './models/onnx-embedder.js';
import { OpenAiCompatibleEmbedder } from './models/openai-compatible-embedder.js';
import type { Reranker } from './models/reranker.js';
import { FeatureReranker } from './retrieve/feature-reranker.js';
import { type SearchResult, searchKnowledge } from './retrieve/search-pipeline.js';
import { ASK_TOP_HITS, LLM_PASSAGES } from './retrieve/tuning.js';
import { assertSameEmbedder } from './retrieve/vector-search.js';
import { builtinKb, kbExists, kbFile, listKbNames, removeKbFiles } from './store/kb-files.js';
import { seedKbFile } from './store/prebuilt-kb.js';
import { openSqliteStore, type SqliteStore } from './store/sqlite-store.js';
import type { DocumentInfo, IngestErrorInfo } from './store/store.js';
import { createTextTools, type TextTools } from './text/text-tools.js';

export interface AppOverrides {
  embedder?: Embedder;
  reranker?: Reranker;
  chatModel?: ChatModel;
  fetch?: Fetch;
}

export interface SearchRequest {
  query: string;
  kb?: string | undefined;
  top?: number | undefined;
  rerank?: boolean | undefined;
  expand?: boolean | undefined;
  vector?: boolean | undefined;
  /** false never calls a language model, even when retrieval.reranker is "llm" (the built-in reranker stands in). */
  useLlm?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface AskRequest {
  question: string;
  kb?: string | undefined;
  length?: AnswerLength | undefined;
  useLlm?: boolean | undefined;
  rerank?: boolean | undefined;
  multiQuery?: boolean | undefined;
  hyde?: boolean | undefined;
  decoding?: DecodingOptions | undefined;
  onToken?: ((text: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface KbSummary {
  name: string;
  documents: number;
  units: number;
  questions: number;
  answered: number;
}

export interface App {
  readonly config: Config;
  tools(): TextTools;
  bank(): Bank;
  search(request: SearchRequest): Promise<SearchResult>;
  ask(request: AskRequest): Promise<AskResult & { calculation?: CalcSummary }>;
  /** The configured chat model, if any. */
  chatModel(): Promise<ChatModel | undefined>;
  ingest(request: {
    inputs: string[];
    kb?: string;
    cwd: string;
    prune?: boolean;
    onFile?: (report: FileReport, index: number, total: number) => void;
    signal?: AbortSignal;
  }): Promise<IngestSummary>;
  listKbs(): Promise<KbSummary[]>;
  showKb(name: string): Promise<{ summary: KbSummary; documents: DocumentInfo[]; errors: IngestErrorInfo[] }>;
  removeKb(name: string): void;
  /** Re-tokenizes and re-embeds every unit of a knowledge base with the current tokenizer and embedder. */
  reindexKb(name: string, onProgress?: (done: number, total: number) => void): Promise<{ units: number; embedder: string }>;
  /** Stores to read: the built-in bank plus every user knowledge base, or just the named one. */
  readStores(kb?: string): Promise<SqliteStore[]>;
  findQuestion(id: string): Promise<StoredUnit[]>;
  /** Bank questions and the user's questions (one item per deduplicated question). */
  listQuestions(filter?: { kb?: string | undefined; topic?: string | undefined; difficulty?: number | undefined }): Promise<QuestionItem[]>;
  getQuestion(id: string): Promise<QuestionItem | undefined>;
  close(): void;
}

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const open = new Map<string, SqliteStore>();
  let bankIndex: BankIndex | undefined;
  let bankData: BankData | undefined;
  let textTools: TextTools | undefined;
  let embedder: Embedder | undefined = overrides.embedder;
  let reranker: Reranker | undefined = overrides.reranker;

  const loadBankIndex = () => {
    bankIndex ??= readBankIndex();
    return bankIndex;
  };
  const loadBankData = () => {
    bankData ??= readBank();
    return bankData;
  };
  const tools = () => {
    const index = loadBankIndex();
    textTools ??= createTextTools(index.glossary, index.text, lazyLexicon());
    return textTools;
  };
  const getEmbedder = (): Embedder => {
    embedder ??= createEmbedder(config, tools(), overrides.fetch);
    return embedder;
  };
  let chat: ChatModel | undefined = overrides.chatModel;
  const getChatModel = async (): Promise<ChatModel | undefined> => {
    if (chat) return chat;
    if (config.gguf) {
      const { LlamaCppChatModel } = await import('./models/llama-cpp-chat-model.js');
      chat = new LlamaCppChatModel(config.gguf.path, config.gguf.contextSize);
      return chat;
    }
    if (!config.llm) return chat;
    const { baseUrl, model, apiKey, timeoutMs, maxRetries, ...decoding } = config.llm;
    const { OpenAiCompatibleChatModel } = await import('./models/openai-compatible-chat-model.js');
    chat = new OpenAiCompatibleChatModel({ baseUrl, model, apiKey, fetch: overrides.fetch, policy: { timeoutMs, maxRetries }, defaults: decoding });
    return chat;
  };
  let featureReranker: FeatureReranker | undefined;
  const getReranker = async (useLlm = true): Promise<Reranker> => {
    const features = (featureReranker ??= new FeatureReranker(tools()));
    // --no-llm means no model call at all: an LLM reranker gives way to the built-in one.
    if (!useLlm && config.retrieval.reranker === 'llm' && !overrides.reranker) return features;
    if (reranker) return reranker;
    if (config.retrieval.reranker === 'onnx' && config.retrieval.rerankerDirectory) {
      reranker = new (await import('./models/onnx-cross-encoder-reranker.js')).OnnxCrossEncoderReranker(config.retrieval.rerankerDirectory);
      return reranker;
    }
    const model = config.retrieval.reranker === 'llm' ? await getChatModel() : undefined;
    reranker = model ? new (await import('./models/llm-reranker.js')).LlmReranker(model, features) : features;
    return reranker;
  };
  const store = (name: string): SqliteStore => {
    const existing = open.get(name);
    if (existing) return existing;
    // A fresh home starts from the copy built at `npm run build` (then checked against the bank like any other).
    if (name === builtinKb) seedKbFile(kbFile(config.home, name), join(packageRoot, 'dist', 'builtin.db'));
    const opened = openSqliteStore(kbFile(config.home, name), name);
    open.set(name, opened);
    return opened;
  };
  const builtin = async (): Promise<SqliteStore> => {
    const bankStore = store(builtinKb);
    await ensureDimensions(getEmbedder());
    if (bankStore.meta('bank_hash') !== loadBankIndex().hash || bankStore.embedder()?.id !== getEmbedder().id)
      await syncBank(bankStore, loadBankData(), tools(), getEmbedder());
    return bankStore;
  };
  /** Re-tokenizes and re-embeds every unit of a knowledge base with the active tokenizer and embedder. */
  const reembed = async (target: SqliteStore, onProgress?: (done: number, total: number) => void) => {
    const activeEmbedder = await ensureDimensions(getEmbedder());
    const { tokenize } = tools();
    target.setEmbedder(undefined);
    target.setEmbedder({ id: activeEmbedder.id, dimensions: activeEmbedder.dimensions });
    const units = target.allUnits();
    const batch = 256;
    for (let start = 0; start < units.length; start += batch) {
      const slice = units.slice(start, start + batch);
      target.putTokens(
        slice.map((unit) => ({
          unitId: unit.id,
          tokens: { question: unit.question ? tokenize(unit.question) : [], text: tokenize(unit.text), topic: tokenize(unit.topic.join(' ')) },
        })),
      );
      const vectors = await activeEmbedder.embed(slice.map((unit) => [unit.question, unit.text].filter(Boolean).join('\n')));
      target.putVectors(slice.map((unit, index) => ({ unitId: unit.id, vector: vectors[index] as Float32Array })));
      onProgress?.(Math.min(units.length, start + batch), units.length);
    }
    return { units: units.length, embedder: activeEmbedder.id };
  };
  /**
   * A knowledge base indexed by an older version of the built-in embedder (its id names the glossary size, which grows
   * with the bank) is re-indexed on first use instead of failing with embedder_mismatch: the built-in embedder is
   * cheap, and the tokenizer changes with the glossary too. A model embedder's mismatch still asks for `kb reindex`.
   */
  const checked = new WeakSet<SqliteStore>();
  const upToDate = async (target: SqliteStore): Promise<SqliteStore> => {
    if (checked.has(target)) return target;
    checked.add(target);
    const stored = target.embedder();
    const active = getEmbedder();
    const builtinFamily = (id: string) => id.startsWith('builtin-hashed-ngrams-');
    if (stored && stored.id !== active.id && builtinFamily(stored.id) && builtinFamily(active.id)) await reembed(target);
    return target;
  };
  const readStores = async (kb?: string): Promise<SqliteStore[]> => {
    if (kb === builtinKb) return [await builtin()];
    if (kb !== undefined) {
      if (!kbExists(config.home, kb)) throw new AppError('not_found', `no knowledge base named "${kb}" (see: mianba kb list)`);
      return [await upToDate(store(kb))];
    }
    return [await builtin(), ...(await Promise.all(listKbNames(config.home).map((name) => upToDate(store(name)))))];
  };
  const summarize = (name: string, target: SqliteStore): KbSummary => ({ name, ...target.counts() });

  let bankById: Map<string, BankQuestion> | undefined;
  const bankQuestionById = (id: string): BankQuestion | undefined => {
    bankById ??= new Map(
      loadBankData().bank.questions.flatMap((question) => [[question.id, question] as const, ...question.aliasIds.map((alias) => [alias, question] as const)]),
    );
    return bankById.get(id);
  };
  const runSearch = async (request: SearchRequest): Promise<SearchResult> => {
    const stores = await readStores(request.kb);
    return searchKnowledge(
      request.query,
      { stores, tools: tools(), embedder: request.vector === false ? undefined : getEmbedder(), reranker: await getReranker(request.useLlm !== false) },
      {
        top: request.top ?? 10,
        candidates: config.retrieval.candidates,
        rrfK: config.retrieval.rrfK,
        lexicalWeight: config.retrieval.lexicalWeight,
        vectorWeight: config.retrieval.vectorWeight,
        expand: request.expand ?? config.retrieval.expandQuery,
        rerank: request.rerank ?? config.retrieval.rerank,
        signal: request.signal,
      },
    );
  };

  return {
    config,
    tools,
    chatModel: getChatModel,
    async ask(request) {
      const model = request.useLlm === false ? undefined : await getChatModel();
      if ((request.multiQuery || request.hyde) && !model)
        throw new AppError('usage', '--multi-query and --hyde need an LLM (set MIANBA_LLM_BASE_URL and MIANBA_LLM_MODEL)');
      const search =
        model && (request.multiQuery || request.hyde)
          ? await (await import('./retrieve/llm-queries.js')).searchWithLlmQueries(request, model, runSearch)
          : await runSearch({
              query: request.question,
              kb: request.kb,
              top: ASK_TOP_HITS,
              rerank: request.rerank,
              useLlm: model !== undefined,
              signal: request.signal,
            });
      const answer = await answerQuestion(
        request.question,
        search,
        { chatModel: model, tokenize: tools().tokenize, bankItem: (id) => bankQuestionById(id) },
        {
          length: request.length ?? 'brief',
          refusalThreshold: config.retrieval.refusalThreshold,
          passages: LLM_PASSAGES,
          decoding: request.decoding ?? {},
          onToken: request.onToken,
          signal: request.signal,
        },
      );
      const { answerCalculationFor } = await import('./calc/answer-calculation.js');
      const calculation = answerCalculationFor(request.question);
      return calculation ? { ...answer, calculation } : answer;
    },
    bank: () => loadBankData().bank,
    readStores,
    search: runSearch,
    async ingest(request) {
      const name = request.kb ?? config.kb;
      if (name === builtinKb) throw new AppError('usage', 'the built-in knowledge base is read-only; ingest into another --kb');
      const target = await upToDate(store(name));
      const activeEmbedder = await ensureDimensions(getEmbedder());
      assertSameEmbedder(target, activeEmbedder);
      if (!target.embedder()) target.setEmbedder({ id: activeEmbedder.id, dimensions: activeEmbedder.dimensions });
      const { ingestFiles } = await import('./ingest/ingest-files.js');
      return ingestFiles({
        inputs: request.inputs,
        cwd: request.cwd,
        maxFileBytes: config.maxFileMb * 2 ** 20,
        prune: request.prune ?? false,
        store: target,
        tokenize: tools().tokenize,
        dictionary: tools().dictionary,
        embed: (texts) => activeEmbedder.embed(texts, { signal: request.signal }),
        onFile: request.onFile,
        signal: request.signal,
      });
    },
    async listKbs() {
      return [summarize(builtinKb, await builtin()), ...listKbNames(config.home).map((name) => summarize(name, store(name)))];
    },
    async showKb(name) {
      const target = (await readStores(name))[0] as SqliteStore;
      return { summary: summarize(name, target), documents: target.listDocuments(), errors: target.listErrors() };
    },
    removeKb(name) {
      if (name === builtinKb) throw new AppError('usage', 'the built-in knowledge base cannot be removed');
      open.get(name)?.close();
      open.delete(name);
      removeKbFiles(config.home, name);
    },
    async reindexKb(name, onProgress) {
      if (name === builtinKb) throw new AppError('usage', 'the built-in knowledge base is rebuilt automatically');
      if (!kbExists(config.home, name)) throw new AppError('not_found', `no knowledge base named "${name}" (see: mianba kb list)`);
      return reembed(store(name), onProgress);
    },
    async findQuestion(id) {
      return (await readStores()).flatMap((target) => target.findByQuestionId(id));
    },
    async listQuestions(filter = {}) {
      const items: QuestionItem[] = [];
      if (filter.kb === undefined || filter.kb === builtinKb) items.push(...loadBankData().bank.questions.map(bankItem));
      const userKbs = filter.kb === undefined ? listKbNames(config.home) : filter.kb === builtinKb ? [] : (await readStores(filter.kb)).map((s) => s.kb);
      for (const name of userKbs) {
        const groups = new Map<string, StoredUnit[]>();
        for (const unit of store(name).allQuestions()) {
          if (!unit.questionId) continue;
          groups.set(unit.questionId, [...(groups.get(unit.questionId) ?? []), unit]);
        }
        for (const units of groups.values()) {
          const item = userItem(units);
          if (item) items.push(item);
        }
      }
      const topic = filter.topic?.toLowerCase();
      return items.filter(
        (item) =>
          (filter.difficulty === undefined || item.difficulty === filter.difficulty) &&
          (topic === undefined || JSON.stringify(item.topic).toLowerCase().includes(topic) || item.id.startsWith(`${topic}-`)),
      );
    },
    async getQuestion(id) {
      // A merged item's former ids (aliasIds) resolve to the item that absorbed it.
      const fromBank = bankQuestionById(id);
      if (fromBank) return bankItem(fromBank);
      const units = listKbNames(config.home).flatMap((name) => store(name).findByQuestionId(id));
      return userItem(units);
    },
    close() {
      for (const opened of open.values()) opened.close();
      open.clear();
    },
  };
}

function createEmbedder(config: Config, tools: TextTools, fetchImpl: Fetch | undefined): Embedder {
  const embed = config.embed;
  if (embed.provider === 'openai')
    return new OpenAiCompatibleEmbedder({
      baseUrl: embed.baseUrl,
      model: embed.model,
      apiKey: embed.apiKey,
      fetch: fetchImpl,
      policy: { timeoutMs: 60_000, maxRetries: 3 },
    });
  if (embed.provider === 'onnx') return new OnnxEmbedder(embed.directory);
  return new HashedNgramEmbedder(tools);
}

/** Remote and ONNX embedders learn their dimensions from a first call; stores need them before writing. */
async function ensureDimensions(embedder: Embedder): Promise<Embedder> {
  if (embedder.dimensions === 0) await embedder.embed(['dimension probe']);
  return embedder;
}

/** Rebuilds the built-in knowledge base from the bank (when the bank files or the embedder changed). */
async function syncBank(target: SqliteStore, data: BankData, tools: TextTools, embedder: Embedder): Promise<void> {
  const sameEmbedder = target.embedder()?.id === embedder.id;
  if (!sameEmbedder) {
    for (const document of target.listDocuments()) target.removeDocument(document.path);
    target.setEmbedder(undefined);
    target.setEmbedder({ id: embedder.id, dimensions: embedder.dimensions });
  }
  const documents = bankDocuments(data.bank.questions, tools.tokenize, data.hash);
  const wanted = new Set(documents.map((entry) => entry.document.path));
  for (const document of target.listDocuments()) if (!wanted.has(document.path)) target.removeDocument(document.path);
  for (const { document, units } of documents) {
    if (target.documentHash(document.path) === document.contentHash) continue;
    const vectors = await embedder.embed(units.map((unit) => [unit.unit.question, unit.questionEn, unit.unit.text].filter(Boolean).join('\n')));
    units.forEach((unit, index) => {
      unit.vector = vectors[index];
    });
    target.replaceDocument(document, units);
  }
  target.setMeta('bank_hash', data.hash);
}
