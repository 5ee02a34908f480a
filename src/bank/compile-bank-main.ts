// Build step: validates bank/*.yaml and writes dist/bank.json. Fails the build on an invalid bank file.
import { compileBank } from './bank-data.js';
import { compileLexicon } from './read-lexicon.js';

const data = compileBank();
process.stdout.write(`bank: ${data.bank.questions.length} questions, ${data.bank.glossary.length} glossary terms -> dist/bank.json\n`);
process.stdout.write(`lexicon: ${compileLexicon()} English words -> dist/lexicon.json\n`);
