// Groups questions into a topic tree with counts ("Chapter > Section" paths, bilingual for the bank). Pure.
import type { QuestionItem } from '../bank/question-item.js';

export interface TopicNode {
  key: string;
  zh: string;
  en: string;
  count: number;
  children: TopicNode[];
}

export function topicTree(items: readonly QuestionItem[]): TopicNode[] {
  const root: TopicNode = { key: '', zh: '', en: '', count: 0, children: [] };
  for (const item of items) {
    const zh = splitTopic(typeof item.topic === 'string' ? item.topic : item.topic.zh);
    const en = typeof item.topic === 'string' ? zh : splitTopic(item.topic.en);
    const path = zh.length > 0 ? zh : [item.kb];
    let node = root;
    node.count++;
    path.forEach((part, depth) => {
      const key = [item.kb, ...path.slice(0, depth + 1)].join(' > ');
      let child = node.children.find((candidate) => candidate.key === key);
      if (!child) {
        child = { key, zh: part, en: en[depth] ?? part, count: 0, children: [] };
        node.children.push(child);
      }
      child.count++;
      node = child;
    });
  }
  return root.children;
}

function splitTopic(topic: string): string[] {
  return topic
    .split(' > ')
    .map((part) => part.trim())
    .filter(Boolean);
}
