// Every tuned constant of retrieval and offline answering, in one place. Each says whether it was MEASURED (on which
// labelled set, with the value tried and the figures) or CHOSEN (a judgement, with the reason). Tuning sets:
// test/fixtures/eval/retrieval-set.jsonl (retrieval), answers-tune.jsonl, en-over-zh-tune.jsonl, and the
// odd-numbered outline chapters (bank/outline/01,03,…). Held-out sets that tuning never saw: retrieval-heldout.jsonl,
// answers-heldout.jsonl, en-over-zh-heldout.jsonl and the even-numbered outline chapters.

/**
 * BM25 weights of the three indexed fields (question, text, topic). CHOSEN when the FTS5 index was built: the
 * question says what a unit is about, the topic path names its chapter, the text mentions everything in passing.
 */
export const FIELD_WEIGHTS = { question: 4, text: 1, topic: 1.5 } as const;

/** Candidates rescored by vectors in a store too large to scan exhaustively. CHOSEN: wide enough to hold the answer. */
export const LEXICAL_CANDIDATES_FOR_VECTORS = 1000;

/**
 * In a search over more than LARGE_STORE_UNITS units, many units share the query's words in their headings: each list
 * keeps and the reranker sees at least LARGE_STORE_CANDIDATES candidates (not `candidates`, 50 by default), and a
 * candidate's body coverage of the query (evidence.ts `bodyCoverage`) adds LARGE_STORE_BODY_WEIGHT to its score, so a
 * heading repeating the query over a body about other things yields to a unit whose body discusses it. Smaller
 * searches (every labelled set) rank as before. MEASURED on the tuning half (odd positions) of the scale queries at
 * 100k and 300k (bench part `scale`, bench/scale/diagnose.ts), Hit@5 at 300k: 0.604 without either, body weight
 * 0.2 / 0.4 -> 0.642 / 0.660, with 150 candidates 0.670 / 0.689. A body weight over all searches cost the labelled
 * tuning set MRR@10 0.908 -> 0.873 (0.4) and its refusal precision: it stays a large-store rule.
 */
export const LARGE_STORE_CANDIDATES = 150;
export const LARGE_STORE_BODY_WEIGHT = 0.4;
/**
 * In a large search a candidate's body cohesion (cohesion.ts: share of its sentences sharing a content word with
 * another) adds LARGE_STORE_COHESION_WEIGHT to its score: a unit stitched from unrelated sentences that happen to say
 * the query's words yields to one written about a subject. MEASURED on the tuning half of the scale queries
 * (bench/scale/diagnose.ts), Hit@5 at 300k / 1M: 0.679 / 0.604 without, 0.2 -> 0.745 at 300k, 0.4 -> 0.755 / 0.670,
 * 0.7 -> 0.764 / 0.679 ("reranked below 5" 11 -> 2 at 300k). Over the bank's 413 answers and 3,000 synthetic chunks
 * (bench/scale/cohesion-probe.ts) the feature separates them with AUC 0.96. It stays a large-search rule: in the
 * labelled sets every body is written about its question, cohesion only prefers the longer of two good answers, and
 * 0.2 over every search cost the retrieval tuning set MRR@10 0.908 -> 0.895 (0.7: 0.850, outline 517 -> 511 of 529).
 */
export const LARGE_STORE_COHESION_WEIGHT = 0.7;
/**
 * A large search fuses LARGE_STORE_POOL candidates and keeps the LARGE_STORE_CANDIDATES best by fused score, body
 * coverage and cohesion (no segmentation) for the full features. MEASURED with the cohesion weight above, tuning half:
 * at 1M 0.679 -> 0.708 with a pool of 300 (the same as computing every feature of 300 candidates, which cost ~25 ms
 * more per query at 1M), 500 no better (0.708); at 300k 0.764 -> 0.755 (300) and 0.764 (500).
 */
export const LARGE_STORE_POOL = 300;

/**
 * Tokens in more than this share of all units are left out of the FTS5 MATCH (they barely move BM25 but walk long
 * posting lists). CHOSEN; stores under COMMON_TOKEN_MIN_UNITS units keep every token.
 */
export const COMMON_TOKEN_SHARE = 0.25;
export const COMMON_TOKEN_MIN_UNITS = 200;
/** In stores above this many units only the MATCH_RAREST rarest tokens are matched (bench: bounds FTS5 work at 100k). */
export const LARGE_STORE_UNITS = 50_000;
export const MATCH_RAREST = 8;

/**
 * Evidence = weighted sum of four features (src/retrieve/evidence.ts). MEASURED by a grid search on
 * retrieval-set.jsonl (scripts/tune-rerank.ts); the optimum is flat.
 */
export const EVIDENCE_WEIGHTS = { similarity: 0.4, questionCoverage: 0.3, textCoverage: 0.2, termCoverage: 0.1 } as const;
/** Prose chunks (no question) are judged on their text, discounted so a matching question still wins. CHOSEN. */
export const PROSE_DISCOUNT = 0.8;
/** A single Han character says less than a word: its coverage weight. CHOSEN. */
export const HAN_CHARACTER_WEIGHT = 0.5;
/** A query word covered only by its lexicon translation counts this much. CHOSEN. */
export const TRANSLATION_CREDIT = 0.7;
/**
 * Coverage weight of template words and generic heads ("举例", "大语言模型"; src/retrieve/lead-subject.ts). MEASURED on
 * the odd outline chapters together with the lead and narrower changes of docs/handoff/rank.md: 1 -> 0.5 is +1 cited
 * first there; 0.25 was no better. Alone (docs/handoff/outline.md) it cost 1.
 */
export const TEMPLATE_WORD_WEIGHT = 0.5;
/** Coverage credit of a Chinese compound whose parts the candidate says separately. MEASURED: see docs/handoff/outline.md. */
export const COMPOUND_PARTS_CREDIT = 0.8;
/** Bonus to coverage when a glossary expansion token occurs. CHOSEN. */
export const EXPANSION_BONUS = 0.15;

/**
 * The built-in reranker's blend: 0.7 evidence + 0.3 fused retrieval score. MEASURED: on retrieval-set.jsonl 0.15 on
 * fusion was marginally better (MRR 0.919 vs 0.909), but on notes without English text (the bench corpus) 0.3
 * generalises better (MRR 0.764 vs 0.753).
 */
export const RERANK_EVIDENCE_WEIGHT = 0.7;
export const RERANK_FUSED_WEIGHT = 0.3;

/**
 * Weight of intent agreement (src/retrieve/intent.ts). MEASURED on retrieval-set.jsonl: 0 -> Hit@5 0.972 / MRR 0.915 /
 * notes Hit@5 0.90; 0.015 -> 0.972 / 0.917 / 0.95; 0.03 -> 0.962 / 0.918 / 0.85 (bank questions, which state their
 * intent, then beat notes whose headings do not).
 */
export const INTENT_WEIGHT = 0.015;

/** Weight of lead-subject agreement (src/retrieve/lead-subject.ts). MEASURED: see the closing note of docs/handoff/outline.md. */
export const LEAD_WEIGHT = 0.04;
/**
 * Weight of definition agreement (evidence.ts `definition`): a bare "什么是 X / What is X?" prefers the item about X
 * itself over a sibling that mentions X more (the RoPE-base item for "什么是 RoPE?"). MEASURED with
 * scripts/definition-report.ts on test/fixtures/eval/definition-set.jsonl: 0 -> 0.1 first hit tuning half 0.952 -> 1.000,
 * held-out half 0.810 -> 0.857; retrieval sets, outline (517/529) and en-over-zh unchanged.
 */
export const DEFINITION_WEIGHT = 0.1;
/**
 * How many of a candidate question's first subjects (in the phrase before a comma or "和") the query's lead may match:
 * "Transformer 为什么需要位置编码", "vLLM 中的 PagedAttention", "参数高效微调(PEFT)" name theirs second. MEASURED on the
 * odd outline chapters: 1 -> 2 was −1 while a comparison's second term ("IA3,它和 LoRA") still counted, +1 once the
 * phrase stops at the comma (docs/handoff/rank.md).
 */
export const CANDIDATE_SUBJECTS = 2;
/**
 * Share of its evidence a candidate loses, for ordering only, when it leads with a compound extending the query's
 * subject (qlora for lora, rag-fusion for rag, 相对位置编码 for 位置编码). MEASURED on the odd outline chapters: 0.2 and
 * 0.4 fix the same generic questions, 0.4 costs one more elsewhere; 0.2 kept.
 */
export const NARROWER_DISCOUNT = 0.2;
/**
 * Weight of a bigram match on a later clause of a candidate's question, relative to its first clause ("…Token Attention
 * 和 PagedAttention 有什么区别?" is a side question of the LightLLM item). MEASURED on the odd outline chapters with the
 * other changes: 0.8 is +1 over 1 (0.6 and 0.9 no better alone).
 */
export const LATER_CLAUSE_WEIGHT = 0.8;

/** An unanswered question (an outline heading) yields to an answered one by this much, unless it is the question asked. CHOSEN. */
export const UNANSWERED_PENALTY = 0.1;

/**
 * A query naming a Latin name no stored unit contains asks about something else: each such name multiplies the
 * evidence by UNKNOWN_NAME_FACTOR (a versioned one, "llama9", by UNKNOWN_VERSIONED_NAME_FACTOR), never below
 * UNKNOWN_NAME_FLOOR. CHOSEN on the tuning sets (retrieval-set.jsonl, answers-tune.jsonl) to refuse "GPT-5"-style asks.
 */
export const UNKNOWN_NAME_FACTOR = 0.25;
export const UNKNOWN_VERSIONED_NAME_FACTOR = 0.1;
export const UNKNOWN_NAME_FLOOR = 0.01;

/**
 * Above this many vectors a store is not scanned exhaustively (100k x 512 floats take ~200 ms and 200 MB): the vector
 * list rescores a wide lexical candidate set instead. CHOSEN from the bench's memory and latency figures.
 */
export const EXACT_VECTOR_LIMIT = 50_000;

/** Evidence at or above this, with the best hit a Q&A with an answer, means "this question is in the notes". CHOSEN. */
export const QUESTION_MATCH_EVIDENCE = 0.5;

/** Hits `ask` retrieves (ASK_TOP_HITS), passages given to an LLM (LLM_PASSAGES), nearest questions shown on a refusal. CHOSEN. */
export const ASK_TOP_HITS = 8;
export const LLM_PASSAGES = 6;
export const NEAREST_QUESTIONS = 5;
/** Offline answers consider the first ANSWER_CANDIDATES hits (the answering question, the passages, the see-also). CHOSEN. */
export const ANSWER_CANDIDATES = 4;
/** Character budgets of the sentence-mode answer: brief ~ 30 s of speech, full ~ 2 min. CHOSEN. */
export const ANSWER_BUDGET = { brief: 320, full: 1100 } as const;
/** Passage choice by maximal marginal relevance: relevance weight (the rest is redundancy). CHOSEN (Carbonell & Goldstein 1998 use 0.7). */
export const MMR_LAMBDA = 0.7;
/** A passage loses this much relevance per rank of its hit; an expansion token counts this much of a query token. CHOSEN. */
export const PASSAGE_RANK_DECAY = 0.05;
export const PASSAGE_EXPANSION_CREDIT = 0.4;
/**
 * Another hit's passage joins an offline answer only with at least this share of the opening passage's relevance.
 * CHOSEN on the tuning sets (answers-tune, en-over-zh-tune), with the key points of every answer set as a constraint:
 * citation precision of en-over-zh-tune 0.861 (no floor) / 0.889 (0.2) / 0.931 (0.3) / 0.958 (0.4 and 0.5), but from
 * 0.4 on the answer set lost a list that answered (key points 0.813 -> 0.771). Held-out en-over-zh precision 0.722 ->
 * 0.907; answers-tune and answers-heldout unchanged (0.955 / 0.712, key points 1.000 / 0.909).
 */
export const PASSAGE_RELEVANCE_FLOOR = 0.3;
