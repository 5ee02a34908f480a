// The retrieval trace of an answer: each candidate's rank in every list (BM25, BM25 + glossary, vector), the fused
// and reranked scores, its evidence and final rank.
import type { TraceEntry } from '../types';

export function TraceTable(props: { trace: TraceEntry[] }) {
  const lists = [...new Set(props.trace.flatMap((entry) => Object.keys(entry.ranks)))];
  const rows = props.trace.slice(0, 20);
  return (
    <div class="table-wrap" data-testid="trace">
      <table class="trace">
        <thead>
          <tr>
            <th>#</th>
            <th>passage</th>
            {lists.map((list) => (
              <th key={list}>{list}</th>
            ))}
            <th>RRF</th>
            <th>rerank</th>
            <th>evidence</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.key} class={entry.finalRank ? 'kept' : ''}>
              <td>{entry.finalRank ?? '–'}</td>
              <td class="label">{entry.label}</td>
              {lists.map((list) => (
                <td key={list}>{entry.ranks[list] ?? '–'}</td>
              ))}
              <td>{entry.fusedScore.toFixed(4)}</td>
              <td>{entry.rerankScore?.toFixed(3) ?? '–'}</td>
              <td>{entry.evidence.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
