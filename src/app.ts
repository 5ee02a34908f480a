// The composition root and the only facade: the one place that picks concrete adapters (the knowledge-base catalog,
// practice data, embedder, reranker, chat model) and hands them to the pipelines. The CLI, the server, MCP and
// practice all talk to this App and nothing below it; no store leaves it.

import { join } from 'node:path';
import { type AskResult, answerQuestion } from './answer/answer-question.js';
import { withHistory } from './answer/conversation.js';
import type { AnswerLength } from './answer/extractive.js';
import { bankRebuildReason, syncBank } from './app/builtin-kb.js';
import { compareIdentity, tokenizerId } from './app/index-identity.js';
import { rebuildingKey, reembedStore } from './app/reindex-store.js';
import { type BankData, type BankIndex, packageRoot, readBank, readBankIndex } from './bank/bank-data.js';
import type { Bank, BankQuestion } from './bank/load-bank.js';
import { openQuestionFile } from './bank/question-file.js';
import { bankItem, type QuestionItem, topicSearchText, userItem } from './bank/question-item.js';
import { lazyLexicon } from './bank/read-lexicon.js';
import type { CalcSummary } from './calc/answer-calculation.js';
import type { Config } from './config/config.js';
import { AppError } from './core/errors.js';
import { builtinKb } from './core/kb-name.js';
import type { StoredUnit } from './core/types.js';
import type { FileReport, IngestSummary } from './ingest/ingest-files.js';
import type { ChatMessage, ChatModel, DecodingOptions } from './models/chat-model.js';
import type { Embedder } from './models/embedder.js';
import { HashedNgramEmbedder } from './models/hashed-ngram-embedder.js';
import type { Fetch } from './models/http-retry.js';
import { OnnxEmbedder } from './models/onnx-embedder.js';
import { OpenAiCompatibleEmbedder } from './models/openai-compatible-embedder.js';
import type { Reranker } from './models/reranker.js';
import { createPractice, type Practice, practiceFile } from './practice/create-practice.js';
import { createPostgresPracticeStore } from './practice/postgres-practice-store.js';
import { openPracticeStore, type PracticeStore } from './practice/practice-store.js';
import { FeatureReranker } from './retrieve/feature-reranker.js';
import type { ProcessedQuery } from './retrieve/query.js';
import { type SearchResult, searchKnowledge } from './retrieve/search-pipeline.js';
import { ASK_TOP_HITS, LLM_PASSAGES } from './retrieve/tuning.js';
import type { KbCatalog } from './store/kb-catalog.js';
import { createPostgresKbCatalog } from './store/postgres/postgres-kb-catalog.js';
import { createPostgresThreadStore } from './store/postgres/postgres-thread-store.js';
import { createPostgresUserDirectory } from './store/postgres/postgres-user-directory.js';
import { createSharedPool, type SharedPool } from './store/postgres/shared-pool.js';
import { scopeKbCatalog } from './store/scoped-kb-catalog.js';
import { createSqliteKbCatalog } from './store/sqlite-kb-catalog.js';
import type { DocumentInfo, IndexIdentity, IngestErrorInfo, Store } from './store/store.js';
import type { ThreadStore } from './store/thread-store.js';
import type { UserDirectory, UserInfo } from './store/user-directory.js';
import { createTextTools, type TextTools } from './text/text-tools.js';

export interface AppOverrides {
  embedder?: Embedder;
  reranker?: Reranker<ProcessedQuery>;
  chatModel?: ChatModel;
  fetch?: Fetch;
  /** Where knowledge bases live; SQLite files under the home folder when absent. */
  catalog?: KbCatalog;
  /** Progress of an automatic re-index (a knowledge base built with another tokenizer or built-in embedder). */
  onIndexProgress?: (event: IndexProgress) => void;
  /** Already loaded text tools (App.forUser shares its parent's instead of loading them again). */
  tools?: TextTools;
  /** Set by App.forUser: the person this App acts for, with their own practice and conversations. */
  person?: PersonScope;
}

/** What App.forUser hands the App it creates: one person's data and the check before every knowledge-base change. */
export interface PersonScope {
  user: UserInfo;
  practice: PracticeStore;
  threads: ThreadStore;
  assertWritable(kb: string): Promise<void>;
  users(): UserDirectory;
}

export interface IndexProgress {
  kb: string;
  reason: string;
  done: number;
  total: number;
}

/** re-embed: fresh tokens and vectors from the stored units; re-parse: read and parse every source file again. */
export type ReindexMode = 're-embed' | 're-parse';

export interface ReindexRequest {
  kb: string;
  mode: ReindexMode;
  onProgress?: ((done: number, total: number) => void) | undefined;
  onFile?: ((report: FileReport, index: number, total: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface ReindexSummary {
  kb: string;
  mode: ReindexMode;
  /** Units indexed (re-embed) or stored after re-parsing. */
  units: number;
  embedder: string;
  tokenizer: string;
  /** Per-file outcomes of a re-parse. */
  ingest?: IngestSummary | undefined;
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
  /** Earlier turns of the conversation, for the model only (see answer/conversation.ts). */
  history?: ChatMessage[] | undefined;
}

export interface ConnectionCheck {
  model: string;
  latencyMs: number;
  /** Vector size, for an embedder. */
  dimensions?: number;
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
  removeKb(name: string): Promise<void>;
  /** Throws unless this App may change (or create) the knowledge base: usage for the built-in, forbidden for another person's. */
  assertWritable(kb: string): Promise<void>;
  /** Removes one document (and any ingest error recorded for its path); false when the path was not there. */
  removeDocument(kb: string, path: string): Promise<boolean>;
  /** Rebuilds a knowledge base's index, one document per transaction. */
  reindex(request: ReindexRequest): Promise<ReindexSummary>;
  /** Every stored unit (all knowledge bases) of a question id. */
  findQuestion(id: string): Promise<StoredUnit[]>;
  /** Bank questions and the user's questions (one item per deduplicated question). */
  listQuestions(filter?: { kb?: string | undefined; topic?: string | undefined; difficulty?: number | undefined }): Promise<QuestionItem[]>;
  getQuestion(id: string): Promise<QuestionItem | undefined>;
  /**
   * Drill, grading, scheduling and progress ($MIANBA_HOME/practice.db, or the team database when a database URL is
   * set), opened on first use and closed by close().
   */
  practice(): Practice;
  /** Line ranges (and questions) of the units stored for one document, for the document viewer. */
  documentPassages(kb: string, path: string): Promise<{ lineStart: number; lineEnd: number; question: string | null }[]>;
  /** The Ask conversations ($MIANBA_HOME/threads.db, or the team database), opened on first use. */
  threads(): Promise<ThreadStore>;
  /**
   * Takes a new configuration (after the settings page wrote the config file): the chat model, reranker and
   * thresholds follow it at once; the embedder stays until restart, since stored vectors depend on it.
   */
  reconfigure(next: Config): void;
  /** One small call to a model server with these settings (not saved): its model and latency, or an AppError. */
  testConnection(target: 'llm' | 'embed', settings: { baseUrl: string; model: string; apiKey?: string | undefined }): Promise<ConnectionCheck>;
  /** People of a team server (PostgreSQL only); AppError `usage` on the single-user SQLite setup. */
  users(): UserDirectory;
  /** The person this App acts for (see forUser); undefined for the CLI and servers without users. */
  readonly user: UserInfo | undefined;
  /**
   * This App as one person of a team server sees it: shared and their own private knowledge bases only, their own
   * practice and conversations; members may change only their private knowledge bases. One App per person, reused.
   */
  forUser(user: UserInfo): App;
  close(): Promise<void>;
}

export function createApp(initialConfig: Config, overrides: AppOverrides = {}): App {
  let config = initialConfig;
  let threadStore: ThreadStore | undefined;
  // PostgreSQL when a database URL is configured (team server: every process shares it); else SQLite files in home,
  // where a fresh home starts its built-in KB from the copy built at `npm run build` (then checked against the bank).
  const catalog =
    overrides.catalog ??
    (config.databaseUrl
      ? createPostgresKbCatalog({ url: config.databaseUrl })
      : createSqliteKbCatalog({ home: config.home, seeds: { [builtinKb]: join(packageRoot, 'dist', 'builtin.db') } }));
  let bankIndex: BankIndex | undefined;
  let bankData: BankData | undefined;
  let textTools: TextTools | undefined = overrides.tools;
  let embedder: Embedder | undefined = overrides.embedder;
  let reranker: Reranker<ProcessedQuery> | undefined = overrides.reranker;
  let practice: Practice | undefined;
  let users: UserDirectory | undefined;
  // Practice and conversations on a team server: one pool, opened on first use (owner 0: no personal token).
  const people: SharedPool | undefined = config.databaseUrl ? createSharedPool({ url: config.databaseUrl }) : undefined;

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
  const getReranker = async (useLlm = true): Promise<Reranker<ProcessedQuery>> => {
    featureReranker ??= new FeatureReranker(tools());
    const features = featureReranker;
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
  /** The identity every index is built with now: the active tokenizer and embedder. */
  const activeIdentity = async (): Promise<IndexIdentity> => {
    const active = await ensureDimensions(getEmbedder());
    // The build-time fingerprint holds for tools made here from the compiled bank index (not for injected ones).
    const prepared = overrides.tools ? undefined : loadBankIndex().tokenizerFingerprint;
    return { embedder: { id: active.id, dimensions: active.dimensions }, tokenizer: tokenizerId(tools(), prepared) };
  };

  /** One check per store and process; concurrent callers share it (and so one automatic re-index). */
  const prepared = new Map<string, Promise<Store>>();
  const prepare = (name: string, store: Store): Promise<Store> => {
    let pending = prepared.get(name);
    if (!pending) {
      pending = (name === builtinKb ? prepareBuiltin(store) : prepareUserKb(store)).catch((error: unknown) => {
        prepared.delete(name);
        throw error;
      });
      prepared.set(name, pending);
    }
    return pending;
  };
  const prepareBuiltin = async (store: Store): Promise<Store> => {
    const identity = await activeIdentity();
    // Rebuilt when the bank, the glossary or the embedder changed (a configured model embedder, an edited bank):
    // seconds to minutes with a model, so progress is reported like any re-index.
    const reason = await bankRebuildReason(store, loadBankIndex().hash, identity);
    if (reason)
      await syncBank(store, loadBankData(), tools(), getEmbedder(), identity, (done, total) =>
        overrides.onIndexProgress?.({ kb: store.kb, reason, done, total }),
      );
    return store;
  };
  /**
   * A knowledge base built with another tokenizer or another version of the built-in embedder is re-indexed on
   * first use, with progress, instead of failing; a truly different embedder fails with embedder_mismatch.
   */
  const prepareUserKb = async (store: Store): Promise<Store> => {
    const identity = await activeIdentity();
    const rebuilding = Boolean(await store.meta(rebuildingKey));
    const verdict = compareIdentity(store.kb, await store.identity(), identity, rebuilding);
    if (verdict.kind === 'new') await store.setIdentity(identity);
    if (verdict.kind === 'rebuild')
      await reembedStore(store, {
        tokenize: tools().tokenize,
        embedder: getEmbedder(),
        identity,
        onProgress: (done, total) => overrides.onIndexProgress?.({ kb: store.kb, reason: verdict.reason, done, total }),
      });
    return store;
  };
  const openKb = async (name: string): Promise<Store> => prepare(name, name === builtinKb ? await catalog.create(builtinKb) : await catalog.open(name));
  /** A knowledge base to list or read units from: no identity check (nothing here depends on tokens or vectors). */
  const plainKb = async (name: string): Promise<Store> => (name === builtinKb ? openKb(name) : catalog.open(name));
  const userKbNames = async (): Promise<string[]> => (await catalog.list()).filter((name) => name !== builtinKb);
  /** Stores to read: the built-in bank plus every user knowledge base, or just the named one. */
  const readStores = async (kb?: string): Promise<Store[]> => {
    if (kb !== undefined) return [await openKb(kb)];
    return Promise.all([builtinKb, ...(await userKbNames())].map(openKb));
  };
  const summarize = async (store: Store): Promise<KbSummary> => {
    const documents = await store.listDocuments();
    const sum = (field: 'units' | 'questions' | 'answered') => documents.reduce((total, document) => total + document[field], 0);
    return { name: store.kb, documents: documents.length, units: sum('units'), questions: sum('questions'), answered: sum('answered') };
  };
  const writableKb = async (name: string, action: string) => {
    if (name === builtinKb) throw new AppError('usage', `the built-in knowledge base is read-only; ${action}`);
    await overrides.person?.assertWritable(name);
  };
  const personApps = new Map<number, App>();

  let bankById: Map<string, BankQuestion> | undefined;
  let questionFile: ReturnType<typeof openQuestionFile> | false | undefined;
  const bankQuestionById = (id: string): BankQuestion | undefined => {
    // One question read from the compiled per-question file while the bank was not parsed for another reason.
    if (!bankData && !bankById) {
      questionFile ??= openQuestionFile(loadBankIndex().hash) ?? false;
      if (questionFile) return questionFile(id);
    }
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
  const runIngest: App['ingest'] = async (request) => {
    const name = request.kb ?? config.kb;
    await writableKb(name, 'ingest into another --kb');
    const target = await prepare(name, await catalog.create(name));
    const activeEmbedder = await ensureDimensions(getEmbedder());
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
      threadEmbedder: activeEmbedder instanceof HashedNgramEmbedder ? activeEmbedder.threadRecipe() : undefined,
      onFile: request.onFile,
      signal: request.signal,
    });
  };
  const app: App = {
    get config() {
      return config;
    },
    tools,
    chatModel: getChatModel,
    async ask(request) {
      const configured = request.useLlm === false ? undefined : await getChatModel();
      const model = configured && request.history ? withHistory(configured, request.history) : configured;
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
        { chatModel: model, tokenize: tools().tokenize, bankItem: (id) => bankQuestionById(id), names: { glossary: tools().glossary } },
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
    search: runSearch,
    ingest: runIngest,
    async listKbs() {
      return Promise.all([builtinKb, ...(await userKbNames())].map(async (name) => summarize(await plainKb(name))));
    },
    async showKb(name) {
      const target = await plainKb(name);
      return { summary: await summarize(target), documents: await target.listDocuments(), errors: await target.listErrors() };
    },
    async removeKb(name) {
      if (name === builtinKb) throw new AppError('usage', 'the built-in knowledge base cannot be removed');
      await overrides.person?.assertWritable(name);
      prepared.delete(name);
      await catalog.remove(name);
    },
    assertWritable: (kb) => writableKb(kb, 'write into another knowledge base'),
    async removeDocument(kb, path) {
      await writableKb(kb, 'nothing can be removed from it');
      const target = await catalog.open(kb);
      const removed = await target.removeDocument(path);
      await target.recordError(path, undefined);
      return removed;
    },
    async reindex(request) {
      if (request.kb === builtinKb) throw new AppError('usage', 'the built-in knowledge base is rebuilt automatically');
      await overrides.person?.assertWritable(request.kb);
      const identity = await activeIdentity();
      if (request.mode === 're-embed') {
        const target = await catalog.open(request.kb);
        const result = await reembedStore(target, {
          tokenize: tools().tokenize,
          embedder: getEmbedder(),
          identity,
          onProgress: request.onProgress,
          signal: request.signal,
        });
        // Checked and current now: later reads need not look again.
        prepared.set(request.kb, Promise.resolve(target));
        return { kb: request.kb, mode: request.mode, units: result.units, embedder: identity.embedder.id, tokenizer: identity.tokenizer };
      }
      const shown = await app.showKb(request.kb);
      // Files that still exist are parsed again (each replaced in its own transaction); failed files are retried;
      // documents whose file is gone are pruned.
      const { existsSync } = await import('node:fs');
      const inputs = [...new Set([...shown.documents, ...shown.errors].map((entry) => entry.path))].filter((path) => existsSync(path));
      const { ingestFiles } = await import('./ingest/ingest-files.js');
      const target = await openKb(request.kb);
      const activeEmbedder = await ensureDimensions(getEmbedder());
      const ingest = await ingestFiles({
        inputs,
        cwd: config.home,
        maxFileBytes: config.maxFileMb * 2 ** 20,
        prune: true,
        reparse: true,
        store: target,
        tokenize: tools().tokenize,
        dictionary: tools().dictionary,
        embed: (texts) => activeEmbedder.embed(texts, { signal: request.signal }),
        threadEmbedder: activeEmbedder instanceof HashedNgramEmbedder ? activeEmbedder.threadRecipe() : undefined,
        onFile: request.onFile,
        signal: request.signal,
      });
      return {
        kb: request.kb,
        mode: request.mode,
        units: (await summarize(target)).units,
        embedder: identity.embedder.id,
        tokenizer: identity.tokenizer,
        ingest,
      };
    },
    async findQuestion(id) {
      const names = [builtinKb, ...(await userKbNames())];
      return (await Promise.all(names.map(async (name) => (await plainKb(name)).findUnits({ questionId: id })))).flat();
    },
    async listQuestions(filter = {}) {
      const items: QuestionItem[] = [];
      if (filter.kb === undefined || filter.kb === builtinKb) items.push(...loadBankData().bank.questions.map(bankItem));
      const userKbs = filter.kb === undefined ? await userKbNames() : filter.kb === builtinKb ? [] : [filter.kb];
      for (const name of userKbs) {
        const groups = new Map<string, StoredUnit[]>();
        for (const unit of await (await plainKb(name)).findUnits({ kind: 'qa' })) {
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
          (topic === undefined || topicSearchText(item.topic).includes(topic) || item.id.startsWith(`${topic}-`)),
      );
    },
    async getQuestion(id) {
      // A merged item's former ids (aliasIds) resolve to the item that absorbed it.
      const fromBank = bankQuestionById(id);
      if (fromBank) return bankItem(fromBank);
      const units = await Promise.all((await userKbNames()).map(async (name) => (await plainKb(name)).findUnits({ questionId: id })));
      return userItem(units.flat());
    },
    async documentPassages(kb, path) {
      const units = await (await plainKb(kb)).findUnits({ path });
      return units.map((unit) => ({ lineStart: unit.lineStart, lineEnd: unit.lineEnd, question: unit.question ?? null }));
    },
    async threads() {
      threadStore ??= overrides.person
        ? overrides.person.threads
        : people
          ? createPostgresThreadStore(() => people.pool(), 0)
          : (await import('./store/sqlite-thread-store.js')).openSqliteThreadStore(join(config.home, 'threads.db'));
      return threadStore;
    },
    async testConnection(target, settings) {
      const policy = { timeoutMs: 15_000, maxRetries: 0 };
      const started = performance.now();
      if (target === 'embed') {
        const probe = new OpenAiCompatibleEmbedder({ ...settings, fetch: overrides.fetch, policy });
        const [vector] = await probe.embed(['connection test']);
        return { model: settings.model, latencyMs: Math.round(performance.now() - started), dimensions: vector?.length ?? 0 };
      }
      const { OpenAiCompatibleChatModel } = await import('./models/openai-compatible-chat-model.js');
      const probe = new OpenAiCompatibleChatModel({ ...settings, fetch: overrides.fetch, policy, defaults: {} });
      await probe.chat([{ role: 'user', content: 'Reply with: ok' }], { maxTokens: 4 });
      return { model: settings.model, latencyMs: Math.round(performance.now() - started) };
    },
    reconfigure(next) {
      config = { ...next, embed: config.embed };
      for (const scoped of personApps.values()) scoped.reconfigure(next);
      chat = overrides.chatModel;
      reranker = overrides.reranker;
    },
    practice() {
      practice ??= createPractice(
        app,
        overrides.person?.practice ?? (people ? createPostgresPracticeStore(() => people.pool(), 0) : openPracticeStore(practiceFile(config.home))),
      );
      return practice;
    },
    get user() {
      return overrides.person?.user;
    },
    forUser(user) {
      if (!people) throw new AppError('usage', 'users belong to a team server: set MIANBA_DATABASE_URL to a PostgreSQL database (see README, "Team server")');
      if (overrides.person) throw new AppError('internal', 'forUser on an App that already acts for a person');
      let scoped = personApps.get(user.id);
      if (!scoped || scoped.user?.role !== user.role) {
        const { catalog: personal, assertWritable } = scopeKbCatalog(catalog, user);
        scoped = createApp(config, {
          ...overrides,
          catalog: personal,
          embedder: getEmbedder(),
          tools: tools(),
          person: {
            user,
            practice: createPostgresPracticeStore(() => people.pool(), user.id),
            threads: createPostgresThreadStore(() => people.pool(), user.id),
            assertWritable,
            users: () => app.users(),
          },
        });
        personApps.set(user.id, scoped);
      }
      return scoped;
    },
    users() {
      if (overrides.person) return overrides.person.users();
      if (!config.databaseUrl)
        throw new AppError('usage', 'users belong to a team server: set MIANBA_DATABASE_URL to a PostgreSQL database (see README, "Team server")');
      users ??= createPostgresUserDirectory({ url: config.databaseUrl });
      return users;
    },
    async close() {
      for (const scoped of personApps.values()) await scoped.close();
      personApps.clear();
      threadStore?.close();
      threadStore = undefined;
      await users?.close();
      users = undefined;
      practice?.close();
      practice = undefined;
      await people?.close();
      prepared.clear();
      await catalog.close();
    },
  };
  return app;
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
