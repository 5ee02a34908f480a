// Prints the retrieval trace (--explain): each candidate's rank in every list, fused and reranked scores.
import type { SearchResult } from '../../retrieve/search-pipeline.js';
import type { CliContext } from '../cli-context.js';

export function writeTrace(context: CliContext, result: SearchResult, limit = 15): void {
  const { query } = result;
  context.stdout.write(`\nquery tokens: ${query.tokens.join(' ')}\n`);
  if (query.expansion.length > 0) context.stdout.write(`glossary expansion: ${query.expansion.join(' ')}\n`);
  context.stdout.write(`evidence of best hit: ${result.evidence.toFixed(3)}\n\n`);
  context.stdout.write('final  bm25  bm25+g  vector  fused     rerank  evidence  candidate\n');
  for (const entry of result.trace.slice(0, limit)) {
    const rank = (name: string) => String(entry.ranks[name] ?? '-').padStart(4);
    context.stdout.write(
      `${String(entry.finalRank ?? '-').padStart(5)}  ${rank('bm25')}  ${rank('bm25+glossary').padStart(6)}  ${rank('vector').padStart(6)}  ${entry.fusedScore.toFixed(4)}  ${entry.rerankScore === undefined ? '     -' : entry.rerankScore.toFixed(3).padStart(6)}  ${entry.evidence.toFixed(3).padStart(8)}  ${entry.label.slice(0, 50)}\n`,
    );
  }
}
