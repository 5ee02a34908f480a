// One answered question in the chat: the streamed or final answer with clickable [n] citations, the calculation,
// the Sources list (each opening the Bank item or the document at the cited line), copy/share as Markdown,
// regenerate on the last answer, and the retrieval trace on demand.
import { useState } from 'preact/hooks';
import { answerAsMarkdown, copyText } from '../answer-markdown';
import { saveBlob } from '../api';
import { displayPath } from '../format';
import { useI18n } from '../i18n';
import { citationHref } from '../pages/threads-turns';
import type { AskResult, Citation } from '../types';
import { CitationPanel } from './citation-panel';
import { MarkdownView } from './markdown-view';
import { TraceTable } from './trace-table';

export interface Turn {
  id: number;
  question: string;
  streamed: string;
  status: 'streaming' | 'done' | 'stopped' | 'error';
  result?: AskResult;
  error?: string;
}

/** The bank question a citation points at, when the retrieval hits say which one it is. */
export function citedQuestionId(result: AskResult, citation: Citation): string | undefined {
  if (citation.questionId) return citation.questionId;
  const hit = result.nearest.find((item) => item.kb === citation.kb && item.path === citation.path && item.line === citation.line);
  return hit?.questionId ?? undefined;
}

export function AnswerCard(props: { turn: Turn; onAsk: (question: string) => void; onRegenerate?: (() => void) | undefined }) {
  const { t } = useI18n();
  const { turn } = props;
  const [cited, setCited] = useState<Citation | undefined>();
  const [showTrace, setShowTrace] = useState(false);
  const [copied, setCopied] = useState(false);
  const result = turn.result;
  const text = result?.answer ?? turn.streamed;
  const onCite = (n: number) => setCited(result?.citations.find((citation) => citation.n === n));
  const markdown = () => (result ? answerAsMarkdown(result, t('sources')) : '');
  const copy = async () => {
    await copyText(markdown());
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const share = async () => {
    const body = markdown();
    if (navigator.share) await navigator.share({ title: turn.question, text: body }).catch(() => undefined);
    else saveBlob(new Blob([body], { type: 'text/markdown' }), 'mianba-answer.md');
  };
  return (
    <article class="turn" data-testid="turn">
      <div class="bubble question">{turn.question}</div>
      <div class={`bubble answer ${result?.refused ? 'refused' : ''}`} data-testid="answer" data-status={turn.status}>
        {turn.status === 'streaming' && !text && <p class="muted">{t('thinking')}</p>}
        {result?.calculation && <MarkdownView class="calculation" source={result.calculation.text} />}
        {text && <MarkdownView source={result?.refused ? (text.split('\n')[0] ?? text) : text} onCite={onCite} testId="answer-text" />}
        {result?.refused && result.nearest.some((hit) => hit.question) && (
          <div class="suggestions" data-testid="suggestions">
            <p class="muted small">{t('nearestQuestions')}</p>
            {result.nearest
              .filter((hit) => hit.question)
              .slice(0, 3)
              .map((hit) => (
                <button
                  key={`${hit.kb}:${hit.path}:${hit.line}:${hit.question}`}
                  type="button"
                  class="ghost small suggestion"
                  onClick={() => props.onAsk(hit.question ?? '')}
                >
                  {hit.question}
                </button>
              ))}
          </div>
        )}
        {turn.status === 'streaming' && text && <span class="cursor" aria-hidden="true" />}
        {turn.status === 'stopped' && (
          <p class="muted small" data-testid="stopped-note">
            {t('stopped')}
          </p>
        )}
        {turn.error && (
          <p class="error" role="alert">
            {turn.error === 'interrupted' ? t('interrupted') : `${t('error')}: ${turn.error}`}
          </p>
        )}
        {result && result.citations.length > 0 && (
          <ol class="sources" data-testid="sources">
            {result.citations.map((citation) => (
              <li key={citation.n}>
                <button type="button" class="link" onClick={() => setCited(citation)}>
                  [{citation.n}] {citation.question ?? citation.path}
                </button>{' '}
                <SourceLink citation={citation} questionId={citedQuestionId(result, citation)} />
              </li>
            ))}
          </ol>
        )}
        {result && (
          <footer class="answer-footer">
            <span class="muted">
              {result.mode === 'llm' ? `${t('generatedBy')}${result.model ?? ''}` : t('extractive')} · {t('evidence')} {result.evidence.toFixed(2)}
            </span>
            <span class="actions">
              <button type="button" class="ghost small" onClick={copy} data-testid="copy-markdown">
                {copied ? t('copied') : t('copyMarkdown')}
              </button>
              <button type="button" class="ghost small" onClick={share}>
                {t('share')}
              </button>
              {props.onRegenerate && (
                <button type="button" class="ghost small" onClick={props.onRegenerate} data-testid="regenerate">
                  {t('regenerate')}
                </button>
              )}
              {result.trace && (
                <button type="button" class="ghost small" onClick={() => setShowTrace(!showTrace)} data-testid="toggle-trace">
                  {showTrace ? t('hideTrace') : t('showTrace')}
                </button>
              )}
            </span>
          </footer>
        )}
        {showTrace && result?.trace && <TraceTable trace={result.trace} />}
      </div>
      {cited && result && <CitationPanel citation={cited} href={citationHref(cited, citedQuestionId(result, cited))} onClose={() => setCited(undefined)} />}
    </article>
  );
}

/** The cited place, as a link to where it opens (Bank item or document viewer); plain text when nothing opens. */
function SourceLink(props: { citation: Citation; questionId: string | undefined }) {
  const { citation } = props;
  const label = `${citation.kb !== 'builtin' ? `${citation.kb} · ` : ''}${displayPath(citation.path, citation.kb)}:${citation.line}`;
  const href = citationHref(citation, props.questionId);
  return href ? (
    <a class="muted source-link" href={href} data-testid="source-link">
      {label}
    </a>
  ) : (
    <span class="muted">{label}</span>
  );
}
