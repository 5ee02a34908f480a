// Grades the offline brief answer of every bank item against that item with our grader, per language: the measure
// behind "a brief answer carries the point" (issue: brief answers averaged 2.8/5). Prints means, minimum and the
// weakest items; `--source brief|cover|opening` picks the brief written in the bank, the key-point cover of the full
// answer, or the old opening-paragraphs cut.
import { briefOf, keyPointBrief } from '../src/answer/extractive.js';
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { bankItem } from '../src/bank/question-item.js';
import { readLexicon } from '../src/bank/read-lexicon.js';
import { gradeAnswer } from '../src/practice/grade-answer.js';
import { createTextTools } from '../src/text/text-tools.js';

const source = process.argv.includes('--source') ? process.argv[process.argv.indexOf('--source') + 1] : 'brief';
const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text, readLexicon());
const { bank } = readBank();
for (const language of ['zh', 'en'] as const) {
  const scores: { id: string; score: number }[] = [];
  for (const question of bank.questions) {
    const text =
      source === 'opening'
        ? briefOf(question.answer[language])
        : source === 'cover' || !question.brief
          ? keyPointBrief(question, language)
          : question.brief[language];
    scores.push({ id: question.id, score: gradeAnswer(bankItem(question), text, tools, { language }).score });
  }
  const mean = scores.reduce((sum, entry) => sum + entry.score, 0) / scores.length;
  const written = bank.questions.filter((question) => question.brief).length;
  scores.sort((a, b) => a.score - b.score);
  console.log(
    `${language}: ${scores.length} items (${written} with a written brief), mean ${mean.toFixed(2)}, min ${scores[0]?.score}, >=4.0: ${scores.filter((entry) => entry.score >= 4).length}; weakest ${scores
      .slice(0, 5)
      .map((entry) => `${entry.id} ${entry.score}`)
      .join(', ')}`,
  );
}
