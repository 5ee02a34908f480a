// Validates the given bank chapter files on their own (schema, unique ids, related ids within the given files).
// Usage: npx tsx scripts/check-chapters.ts bank/chapters/04-attention.yaml [...more files]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { bankSchemas } from '../src/bank/bank-schema.js';

const files = process.argv.slice(2);
const ids = new Set<string>();
const related: [string, string][] = [];
let failed = false;
for (const file of files) {
  const result = bankSchemas().chapterFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    failed = true;
    for (const issue of result.error.issues.slice(0, 10)) console.error(`${basename(file)}: ${issue.path.join('.')}: ${issue.message}`);
    continue;
  }
  for (const question of result.data.questions) {
    if (!question.id.startsWith(`${result.data.chapter.id}-`)) {
      failed = true;
      console.error(`${basename(file)}: id ${question.id} must start with "${result.data.chapter.id}-"`);
    }
    if (ids.has(question.id)) {
      failed = true;
      console.error(`duplicate id ${question.id}`);
    }
    ids.add(question.id);
    for (const id of question.related) related.push([question.id, id]);
  }
  console.log(`${basename(file)}: ${result.data.questions.length} questions (outline chapter ${result.data.chapter.outline})`);
}
for (const [from, to] of related) {
  if (!ids.has(to)) {
    failed = true;
    console.error(`${from}: related id ${to} is not in the given files`);
  }
}
console.log(`${ids.size} questions in ${files.length} files`);
process.exit(failed ? 1 : 0);
