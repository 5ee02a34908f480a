// Bank: the question tree by topic with counts, every question (50 at a time, "show more" for the rest), search
// through the same hybrid search as the CLI (/api/search: ranked, words highlighted, exact text matches after the
// ranked ones), and each question opened on demand with its answer, key points, sources and related questions.
// Topic, query and open question live in the URL (#/bank/<id>?topic=…&q=…), so links and reloads land where you were.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatTopic } from '../../../src/core/topic-path';
import { getJson } from '../api';
import { QuestionBody } from '../components/question-body';
import { highlightHtml, queryTerms } from '../highlight';
import { type Language, pick, pickTopic, topicPath, useI18n } from '../i18n';
import { renderInlineMarkdown } from '../markdown';
import type { QuestionSummary, SearchResult, TopicNode } from '../types';
import { useApi } from '../use-api';
import { replaceRoute, routeHash } from '../use-hash-route';

/** One screen of cards on a laptop is ~12; 50 keeps the first render fast and "show more" rarely needed twice. */
const pageSize = 50;
/** Ranked hits asked of /api/search; exact text matches from the list follow them. */
const searchTop = 50;
/** Typing pauses this long before the search runs (and the URL is updated). */
const searchDelayMs = 250;

export function BankPage(props: { selected?: string | undefined; params: URLSearchParams }) {
  const { t, language } = useI18n();
  const topic = props.params.get('topic') ?? '';
  const query = props.params.get('q') ?? '';
  const [typed, setTyped] = useState(query);
  const [shown, setShown] = useState(pageSize);
  const tree = useApi(() => getJson<{ total: number; topics: TopicNode[] }>('/api/questions/topics'), 'topics');
  const list = useApi(() => getJson<{ total: number; questions: QuestionSummary[] }>('/api/questions', { view: 'summary' }), 'questions');
  const search = useApi(
    () => (query.trim() ? getJson<SearchResult>('/api/search', { q: query.trim(), top: searchTop }) : Promise.resolve(undefined)),
    `search:${query}`,
  );
  const go = (state: { id?: string | undefined; topic?: string; q?: string }, replace = false) => {
    const hash = routeHash('bank', state.id ? [state.id] : [], { topic: state.topic ?? topic, q: state.q ?? query });
    if (replace) replaceRoute(hash);
    else location.hash = hash;
  };

  useEffect(() => setTyped(query), [query]);
  useEffect(() => {
    if (typed === query) return;
    const timer = setTimeout(() => go({ id: props.selected, q: typed }, true), searchDelayMs);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => setShown(pageSize), [query, topic]);

  const byKey = useMemo(() => new Map((list.data?.questions ?? []).map((item) => [`${item.kb}:${item.id}`, item])), [list.data]);
  const titles = useMemo(() => new Map((list.data?.questions ?? []).map((item) => [item.id, pick(item.question, language)])), [list.data, language]);
  const visible = useMemo(() => {
    const all = list.data?.questions ?? [];
    const inTopic = (item: QuestionSummary) => !topic || topicKeys(item).includes(topic);
    if (!query.trim()) return all.filter(inTopic);
    const ranked: QuestionSummary[] = [];
    const seen = new Set<string>();
    for (const hit of search.data?.hits ?? []) {
      const item = hit.questionId ? byKey.get(`${hit.kb}:${hit.questionId}`) : undefined;
      if (item && !seen.has(`${item.kb}:${item.id}`)) {
        seen.add(`${item.kb}:${item.id}`);
        ranked.push(item);
      }
    }
    const needle = query.trim().toLowerCase();
    const exact = all.filter(
      (item) => !seen.has(`${item.kb}:${item.id}`) && JSON.stringify([item.question, item.tags, item.id]).toLowerCase().includes(needle),
    );
    return [...ranked, ...exact].filter(inTopic);
  }, [list.data, search.data, byKey, query, topic]);

  const selectedIndex = props.selected ? visible.findIndex((item) => item.id === props.selected) : -1;
  const limit = Math.max(shown, selectedIndex + 1);
  useEffect(() => {
    if (!props.selected || !list.data) return;
    document.getElementById(cardId(props.selected))?.scrollIntoView({ block: 'start' });
  }, [props.selected, list.data]);
  const terms = queryTerms(query);
  const selectedElsewhere = props.selected && list.data && selectedIndex < 0;

  return (
    <section class="bank">
      <aside class="sidebar">
        <input
          type="search"
          data-testid="bank-search"
          aria-label={t('searchQuestions')}
          placeholder={t('searchQuestions')}
          value={typed}
          onInput={(event) => setTyped((event.target as HTMLInputElement).value)}
        />
        <button type="button" class={`tree-item ${topic === '' ? 'active' : ''}`} onClick={() => go({ topic: '' })}>
          {t('allTopics')} <span class="count">{tree.data?.total ?? ''}</span>
        </button>
        <ul class="tree" data-testid="topic-tree">
          {tree.data?.topics.map((node) => (
            <TopicBranch key={node.key} node={node} selected={topic} onSelect={(key) => go({ topic: key })} language={language} />
          ))}
        </ul>
      </aside>
      <div class="question-list" data-testid="question-list">
        {(list.loading || tree.loading) && <p class="muted">{t('loading')}</p>}
        {list.error && <p class="error">{list.error}</p>}
        {!list.loading && !search.loading && visible.length === 0 && <p class="muted">{t('noMatches')}</p>}
        <p class="muted small" data-testid="bank-count">
          {query.trim() && search.loading
            ? t('searching')
            : `${t('showingOf')} ${Math.min(limit, visible.length)} ${t('of')} ${visible.length} ${t('questions')}${query.trim() ? ` · ${t('rankedBySearch')}` : ''}`}
        </p>
        {selectedElsewhere && props.selected && (
          <QuestionCard id={props.selected} title={titles.get(props.selected) ?? props.selected} open terms={[]} onToggle={() => go({})} titles={titles} />
        )}
        {visible.slice(0, limit).map((item) => (
          <QuestionCard
            key={`${item.kb}:${item.id}`}
            id={item.id}
            title={pick(item.question, language)}
            meta={`${pickTopic(item.topic, language)}${item.difficulty ? ` · ${t('difficulty')} ${'★'.repeat(item.difficulty)}` : ''}${item.kb !== 'builtin' ? ` · ${item.kb}` : ''}`}
            open={props.selected === item.id}
            terms={terms}
            titles={titles}
            onToggle={(open) => go({ id: open ? item.id : undefined })}
          />
        ))}
        {visible.length > limit && (
          <button type="button" class="ghost" data-testid="bank-more" onClick={() => setShown(limit + pageSize)}>
            {t('showMore')} ({limit}/{visible.length})
          </button>
        )}
      </div>
    </section>
  );
}

function QuestionCard(props: {
  id: string;
  title: string;
  meta?: string;
  open: boolean;
  terms: string[];
  titles: Map<string, string>;
  onToggle: (open: boolean) => void;
}) {
  const title = highlightHtml(renderInlineMarkdown(props.title), props.terms);
  return (
    <details class="question-card" id={cardId(props.id)} open={props.open} data-testid="question-card" data-id={props.id}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: <summary> is the details' native toggle (keyboard included); the URL drives it */}
      <summary
        onClick={(event) => {
          event.preventDefault();
          props.onToggle(!props.open);
        }}
      >
        <span class="question-title" dangerouslySetInnerHTML={{ __html: title }} />
        {props.meta && <span class="muted small">{props.meta}</span>}
      </summary>
      {props.open && <QuestionBody id={props.id} titles={props.titles} />}
    </details>
  );
}

function TopicBranch(props: { node: TopicNode; selected: string; onSelect: (key: string) => void; language: Language }) {
  const { node } = props;
  const [open, setOpen] = useState(props.selected.startsWith(node.key));
  return (
    <li>
      <span class="tree-row">
        {node.children.length > 0 ? (
          <button
            type="button"
            class="icon twisty"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            aria-label={props.language === 'zh' ? '展开或收起' : 'expand or collapse'}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span class="twisty" />
        )}
        <button type="button" class={`tree-item ${props.selected === node.key ? 'active' : ''}`} onClick={() => props.onSelect(node.key)}>
          {props.language === 'zh' ? node.zh : node.en} <span class="count">{node.count}</span>
        </button>
      </span>
      {open && node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TopicBranch key={child.key} {...props} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

function cardId(id: string): string {
  return `question-${id}`;
}

/** Keys of the tree nodes an item sits under (its kb, then each level of its Chinese path), as the server builds them. */
function topicKeys(item: QuestionSummary): string[] {
  const parts = topicPath(item.topic, 'zh')
    .map((part) => part.trim())
    .filter(Boolean);
  const path = [item.kb, ...(parts.length > 0 ? parts : [item.kb])];
  return path.slice(1).map((_, depth) => formatTopic(path.slice(0, depth + 2)));
}
