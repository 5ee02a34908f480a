// The CLI entry: picks the command module for the verb (loaded lazily, so `mianba search` does not pay for the web
// server) and runs it through runCommand, which maps every error to one message on stderr and one exit code.
import { AppError } from '../core/errors.js';
import type { CliContext, Command } from './cli-context.js';
import { runCommand } from './run-command.js';

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  ask: { summary: 'answer a question with citations', load: async () => (await import('./commands/ask.js')).runAsk },
  search: { summary: 'search the knowledge bases', load: async () => (await import('./commands/search.js')).runSearch },
  ingest: { summary: 'add notes (files, folders, globs) to a knowledge base', load: async () => (await import('./commands/ingest.js')).runIngest },
  kb: { summary: 'list, show or remove knowledge bases', load: async () => (await import('./commands/kb.js')).runKb },
  questions: { summary: 'list questions by topic', load: async () => (await import('./commands/questions.js')).runQuestions },
  show: { summary: 'show one question with its answer and key points', load: async () => (await import('./commands/show.js')).runShow },
  eval: { summary: 'measure retrieval and answers on a labelled set; calibrate refusal', load: async () => (await import('./commands/eval.js')).runEval },
  calc: { summary: 'GPU memory, KV cache, FLOPs and training-time calculators', load: async () => (await import('./commands/calc.js')).runCalc },
  serve: { summary: 'web app, HTTP API, OpenAI-compatible endpoint and MCP on localhost', load: async () => (await import('./commands/serve.js')).runServe },
  mcp: { summary: 'MCP server over stdio for agents (Claude Desktop, Cursor)', load: async () => (await import('./commands/mcp.js')).runMcp },
  drill: {
    summary: 'practise: answer due and new questions, graded and scheduled (FSRS)',
    load: async () => (await import('./commands/drill.js')).runDrillCommand,
  },
  grade: { summary: 'grade one answer to a question (--json for scripts)', load: async () => (await import('./commands/grade.js')).runGrade },
  mock: { summary: 'timed mock interview with follow-ups and a report', load: async () => (await import('./commands/mock.js')).runMockCommand },
  stats: { summary: 'practice progress: mastery by topic, due forecast, streak', load: async () => (await import('./commands/stats.js')).runStats },
  progress: { summary: 'export or import practice progress (JSON, Anki TSV)', load: async () => (await import('./commands/progress.js')).runProgress },
  reset: { summary: 'delete the practice progress of a topic (after a backup)', load: async () => (await import('./commands/reset.js')).runReset },
  user: { summary: 'team server (PostgreSQL): add, list or remove users and their tokens', load: async () => (await import('./commands/user.js')).runUser },
};

export async function main(argv: string[], context: CliContext): Promise<number> {
  const verb = argv.find((arg) => arg !== '--debug');
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    context.stdout.write(helpText());
    return verb === undefined ? 2 : 0;
  }
  if (verb === '--version' || verb === '-v') {
    context.stdout.write('mianba 0.1.0\n');
    return 0;
  }
  const command = commands[verb];
  return runCommand(argv, context, async () => {
    if (!command) throw new AppError('usage', `unknown command "${verb}"\n\n${helpText()}`);
    return command.load();
  });
}

function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `mianba (面霸): LLM interview knowledge base and coach\n\nusage: mianba <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun "mianba <command> --help" for the options of a command. Add --debug to see stack traces.\n`;
}
