// Near-duplicate items merged across chapter files (issue 13): each former id stays an alias of the item that absorbed
// it, so practice history and old links resolve, while the bank's own links, the outline map and the eval fixtures
// name the surviving item directly. A merge undone by mistake (the old item pasted back) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from './load-bank.js';
import { loadOutlineMap } from './outline-map.js';

const root = join(import.meta.dirname, '..', '..');
const bank = loadBank(join(root, 'bank'));
const liveIds = new Set(bank.questions.map((question) => question.id));
const survivorOf = new Map(bank.questions.flatMap((question) => question.aliasIds.map((alias) => [alias, question.id] as const)));

/** Former id -> the item that answers its question now (the decisions listed in docs/handoff/bank.md). */
const merges: Record<string, string> = {
  'attention-pagedattention': 'acceleration-pagedattention',
  'kv-cache-size-formula': 'gpu-memory-kv-cache',
  'sft-full-finetune-memory': 'gpu-memory-full-finetuning',
  'mixed-precision-memory': 'gpu-memory-full-finetuning',
  'generation-hallucination-vs-repetition': 'hallucination-vs-repetition',
  'kv-cache-inference-memory': 'inference-memory-growth',
  'kv-cache-mqa-gqa': 'attention-mha-mqa-gqa-compare',
  'basics-bert-vs-llm': 'nlp-bert-vs-gpt',
  'nlp-bert-multi-head': 'attention-why-multi-head',
  'misc-inference-latency': 'acceleration-latency-techniques',
  'continued-pretraining-forgetting': 'sft-catastrophic-forgetting',
  'evaluation-perplexity': 'loss-perplexity',
  'rlhf-training-stages': 'basics-training-stages',
  'position-encoding-llama-infinite-length': 'basics-long-context',
  'data-scaling-sft-tokens': 'sft-data-quantity',
  'generation-llama-input-length': 'basics-long-context',
  'basics-domain-models': 'sft-domain-model',
  'rag-hard-negatives': 'similarity-hard-negatives',
  'inference-speculative-decoding': 'acceleration-speculative-decoding',
  'inference-latency-optimization': 'acceleration-latency-techniques',
  'basics-open-model-families': 'models-open-source-families',
};

describe('merged bank items', () => {
  it('keep every former id as an alias of the item that absorbed it, and no former id is an item again', () => {
    for (const [former, survivor] of Object.entries(merges)) {
      expect(liveIds.has(former), former).toBe(false);
      expect(survivorOf.get(former), former).toBe(survivor);
    }
  });

  it('are linked by their surviving id: no related list names a former id or the item itself', () => {
    for (const question of bank.questions) {
      for (const related of question.related) {
        expect(liveIds.has(related), `${question.id} -> ${related}`).toBe(true);
        expect(related, question.id).not.toBe(question.id);
      }
    }
  });

  it('are mapped by their surviving id in the outline map', () => {
    for (const chapter of loadOutlineMap(join(root, 'bank'), bank)) {
      for (const question of chapter.questions) {
        for (const id of question.ids) expect(survivorOf.has(id), `${chapter.file}: ${question.q} -> ${id}`).toBe(false);
      }
    }
  });

  it('are judged by their surviving id in the eval and practice fixtures', () => {
    for (const dir of ['eval', 'practice']) {
      const folder = join(root, 'test', 'fixtures', dir);
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.jsonl'))) {
        const lines = readFileSync(join(folder, name), 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '');
        for (const [index, line] of lines.entries()) {
          const record = JSON.parse(line) as { id?: unknown; relevant?: unknown };
          const ids = [...(Array.isArray(record.relevant) ? record.relevant : []), record.id].filter((id) => typeof id === 'string');
          for (const id of ids) expect(survivorOf.has(id as string), `${name}:${index + 1} names ${id}`).toBe(false);
        }
      }
    }
  });
});
