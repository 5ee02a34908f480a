// Build step: validates bank/*.yaml and writes dist/bank.json, dist/bank-questions.* and dist/lexicon.txt. Fails the build on an invalid
// bank file or outline map.
import { compileBank, defaultBankDir } from './bank-data.js';
import { loadOutlineMap } from './outline-map.js';
import { writeQuestionFile } from './question-file.js';
import { compileLexicon } from './read-lexicon.js';

const data = compileBank();
writeQuestionFile(data.bank, data.hash);
const outline = loadOutlineMap(defaultBankDir, data.bank);
const mapped = outline.reduce((sum, chapter) => sum + chapter.questions.length, 0);
process.stdout.write(
  `bank: ${data.bank.questions.length} questions, ${data.bank.glossary.length} glossary terms -> dist/bank.json; outline map: ${outline.length} chapters, ${mapped} questions\n`,
);
process.stdout.write(`lexicon: ${compileLexicon()} English words -> dist/lexicon.txt\n`);
