// Asks one question: shows it, reads the answer, and handles the commands available at every question — "hint"
// reveals the next key point (and caps the rating at Hard), "skip" and "quit" end the question. Times the answer.
import type { KeyPoint, QuestionItem } from '../bank/question-item.js';
import { textOf } from '../bank/question-item.js';
import type { AnswerSource } from './answer-source.js';
import type { TextStyle } from './format-grade.js';

export type Asked = { kind: 'answered'; answer: string; hints: number; durationMs: number } | { kind: 'skipped' } | { kind: 'quit' };

export interface AskOptions {
  source: AnswerSource;
  write: (text: string) => void;
  style: TextStyle;
  language: 'zh' | 'en';
  /** First line above the question, e.g. "[2/5] Attention · attention-mqa · new". */
  header: string;
  /** Text of the question (defaults to the item's question). */
  question?: string;
  /** Points revealed one by one on "hint". */
  hints: readonly KeyPoint[];
  now: () => number;
}

export async function askQuestion(item: QuestionItem, options: AskOptions): Promise<Asked> {
  const { write, style, language } = options;
  write(`\n${style.dim(options.header)}\n${style.bold(options.question ?? textOf(item.question, language))}\n`);
  write(
    style.dim(
      language === 'zh'
        ? '作答(空行或 "." 结束;:e 打开编辑器;skip 跳过、hint 提示、quit 退出)\n'
        : 'answer (end with an empty line or "."; :e opens $EDITOR; skip, hint, quit)\n',
    ),
  );
  const started = options.now();
  let hints = 0;
  for (;;) {
    const event = await options.source.readAnswer();
    if (event.kind === 'quit') return { kind: 'quit' };
    if (event.kind === 'skip') return { kind: 'skipped' };
    if (event.kind === 'answer') return { kind: 'answered', answer: event.text, hints, durationMs: options.now() - started };
    const point = options.hints[hints];
    if (!point) {
      write(style.dim(language === 'zh' ? '没有更多提示了\n' : 'no more hints\n'));
      continue;
    }
    hints++;
    write(style.yellow(`${language === 'zh' ? '提示' : 'hint'} ${hints}/${options.hints.length}: ${point[language]}\n`));
  }
}
