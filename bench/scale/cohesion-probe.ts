// How well body cohesion (src/retrieve/cohesion.ts) tells a written answer from a chunk of recombined sentences: the
// feature over the bank's planted answers against a sample of synthetic chunks of a scale store, as means and AUC.
// Reads the store only.   node --import tsx bench/scale/cohesion-probe.ts <db> [sampled chunks, default 3000]
import Database from 'better-sqlite3';
import { readBankIndex } from '../../src/bank/bank-data.js';
import { bodyCohesion } from '../../src/retrieve/cohesion.js';
import { createTextTools } from '../../src/text/text-tools.js';

const [path, sampled = '3000'] = process.argv.slice(2);
if (!path) throw new Error('usage: cohesion-probe.ts <db> [sampled chunks]');
const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const db = new Database(path, { readonly: true, fileMustExist: true });
interface Row {
  text: string;
  textEn: string | null;
  tokenSet: string;
}
const columns = 'u.text AS text, u.text_en AS textEn, u.token_set AS tokenSet';
const join = 'FROM units u JOIN documents d ON d.id = u.document_id';
const bank = db.prepare(`SELECT ${columns} ${join} WHERE d.path NOT LIKE 'synthetic/%'`).all() as Row[];
const synthetic = db.prepare(`SELECT ${columns} ${join} WHERE d.path LIKE 'synthetic/%' AND u.id % 97 = 0 LIMIT ?`).all(Number(sampled)) as Row[];
const cohesion = (row: Row) => bodyCohesion(`${row.text}\n${row.textEn ?? ''}`, row.tokenSet.split(' '), tools.glossary.generic);
const bankScores = bank.map(cohesion);
const syntheticScores = synthetic.map(cohesion);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
// AUC: the chance that a planted answer scores above a synthetic chunk (ties count half).
let wins = 0;
for (const answer of bankScores) for (const chunk of syntheticScores) wins += answer > chunk ? 1 : answer === chunk ? 0.5 : 0;
console.log(`planted answers ${bank.length}: mean cohesion ${mean(bankScores).toFixed(3)}`);
console.log(`synthetic chunks ${synthetic.length}: mean cohesion ${mean(syntheticScores).toFixed(3)}`);
console.log(`AUC ${(wins / Math.max(1, bankScores.length * syntheticScores.length)).toFixed(3)}`);
db.close();
