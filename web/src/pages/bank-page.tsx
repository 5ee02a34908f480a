// Bank: the question tree by topic with counts, search-as-you-type over every question, and each question with its
// answer, key points and sources.
import { useMemo, useState } from 'preact/hooks';
import { getJson } from '../api';
import { MarkdownView } from '../components/markdown-view';
import { type Language, pick, useI18n } from '../i18n';
import type { QuestionItem, TopicNode } from '../types';
import { useApi } from '../use-api';
import { navigate } from '../use-hash-route';

export function BankPage(props: { selected?: string | undefined }) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [topic, setTopic] = useState('');
  const tree = useApi(() => getJson<{ total: number; topics: TopicNode[] }>('/api/questions/topics'), 'topics');
  const list = useApi(() => getJson<{ questions: QuestionItem[] }>('/api/questions'), 'questions');
  const visible = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return (list.data?.questions ?? []).filter((item) => {
      const key = topicKey(item);
      if (topic && key !== topic && !key.startsWith(`${topic} > `)) return false;
      return !needle || JSON.stringify([item.question, item.tags, item.id, item.answer]).toLowerCase().includes(needle);
    });
  }, [list.data, query, topic]);

  return (
    <section class="bank">
      <aside class="sidebar">
        <input
          type="search"
          data-testid="bank-search"
          placeholder={t('searchQuestions')}
          value={query}
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
        />
        <button type="button" class={`tree-item ${topic === '' ? 'active' : ''}`} onClick={() => setTopic('')}>
          {t('allTopics')} <span class="count">{tree.data?.total ?? ''}</span>
        </button>
        <ul class="tree" data-testid="topic-tree">
          {tree.data?.topics.map((node) => (
            <TopicBranch key={node.key} node={node} selected={topic} onSelect={setTopic} language={language} />
          ))}
        </ul>
      </aside>
      <div class="question-list" data-testid="question-list">
        {(list.loading || tree.loading) && <p class="muted">{t('loading')}</p>}
        {list.error && <p class="error">{list.error}</p>}
        {!list.loading && visible.length === 0 && <p class="muted">{t('noMatches')}</p>}
        <p class="muted small">
          {visible.length} {t('questions')}
        </p>
        {visible.slice(0, 200).map((item) => (
          <QuestionCard key={`${item.kb}:${item.id}`} item={item} open={props.selected === item.id} language={language} />
        ))}
      </div>
    </section>
  );
}

function TopicBranch(props: { node: TopicNode; selected: string; onSelect: (key: string) => void; language: Language }) {
  const { node } = props;
  const [open, setOpen] = useState(props.selected.startsWith(node.key));
  return (
    <li>
      <span class="tree-row">
        {node.children.length > 0 ? (
          <button type="button" class="icon twisty" aria-expanded={open} onClick={() => setOpen(!open)} aria-label="toggle">
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

function QuestionCard(props: { item: QuestionItem; open: boolean; language: Language }) {
  const { t } = useI18n();
  const { item, language } = props;
  return (
    <details class="question-card" open={props.open} data-testid="question-card">
      <summary>
        <span class="question-title">{pick(item.question, language)}</span>
        <span class="muted small">
          {pick(item.topic, language)}
          {item.difficulty ? ` · ${t('difficulty')} ${'★'.repeat(item.difficulty)}` : ''}
          {item.kb !== 'builtin' ? ` · ${item.kb}` : ''}
        </span>
      </summary>
      <h4>{t('answer')}</h4>
      <MarkdownView source={pick(item.answer, language)} />
      {item.keyPoints.length > 0 && (
        <>
          <h4>{t('keyPoints')}</h4>
          <ul class="key-points">
            {item.keyPoints.map((point) => (
              <li key={point.zh}>{point[language]}</li>
            ))}
          </ul>
        </>
      )}
      <p class="muted small">
        {t('sources')}: {item.sources.map((source) => `${source.path}:${source.line}`).join(', ')}
        {item.tags.length > 0 ? ` · ${item.tags.join(', ')}` : ''}
      </p>
      <button type="button" class="ghost small" onClick={() => navigate('practice', 'drill', item.id)}>
        {t('drill')} →
      </button>
    </details>
  );
}

function topicKey(item: QuestionItem): string {
  const zh = typeof item.topic === 'string' ? item.topic : item.topic.zh;
  const parts = zh
    .split(' > ')
    .map((part) => part.trim())
    .filter(Boolean);
  return [item.kb, ...(parts.length > 0 ? parts : [item.kb])].join(' > ');
}
