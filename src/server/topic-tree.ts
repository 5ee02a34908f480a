// Groups questions into a topic tree with counts (topic paths, bilingual for the bank). Pure.
import { type QuestionItem, topicIn } from '../bank/question-item.js';
import { formatTopic } from '../core/topic-path.js';

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
    const zh = cleanPath(topicIn(item.topic, 'zh'));
    const en = cleanPath(topicIn(item.topic, 'en'));
    const path = zh.length > 0 ? zh : [item.kb];
    let node = root;
    node.count++;
    path.forEach((part, depth) => {
      // The key names the node in the URL (#/bank?topic=…) and in the web app's filter, so it is the readable path.
      const key = formatTopic([item.kb, ...path.slice(0, depth + 1)]);
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

function cleanPath(path: readonly string[]): string[] {
  return path.map((part) => part.trim()).filter(Boolean);
}
