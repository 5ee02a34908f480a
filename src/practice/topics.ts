// Topic groups of questions for mastery, interleaving and --topic filters: the first level of a question's topic
// path (the bank chapter, in English), the same filter semantics as App.listQuestions. Pure.
import { type QuestionItem, topicIn, topicSearchText } from '../bank/question-item.js';

export interface TopicName {
  zh: string;
  en: string;
}

/** Group key of a question: its chapter (English title) for bank items, the first topic level or the kb otherwise. */
export function topicOf(item: Pick<QuestionItem, 'topic' | 'kb'>): string {
  return topicNameOf(item).en;
}

export function topicNameOf(item: Pick<QuestionItem, 'topic' | 'kb'>): TopicName {
  const zh = topicIn(item.topic, 'zh')[0]?.trim() || item.kb;
  return { zh, en: topicIn(item.topic, 'en')[0]?.trim() || zh };
}

/** The JSON stored with cards and logs so that --topic filters keep working after the question is gone. */
export function topicPathOf(item: Pick<QuestionItem, 'topic'>): string {
  return JSON.stringify(item.topic);
}

/** Same rule as App.listQuestions: the topic text contains the filter, or the id starts with "<filter>-". */
export function matchesTopic(filter: string, record: { questionId: string; topicPath: string }): boolean {
  const wanted = filter.toLowerCase();
  return storedTopicText(record.topicPath).includes(wanted) || record.questionId.startsWith(`${wanted}-`);
}

/** Round-robin over topics (in order of first appearance), keeping each topic's own order. */
export function interleaveByTopic<T>(items: readonly T[], topic: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = topic(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queues = [...groups.values()];
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const queue of queues) {
      const next = queue[round];
      if (next !== undefined) out.push(next);
    }
  }
  return out;
}

/** The searchable text of a stored topic_path (JSON of any topic shape mianba ever stored; raw text if not JSON). */
function storedTopicText(topicPath: string): string {
  try {
    return topicSearchText(JSON.parse(topicPath) as QuestionItem['topic']);
  } catch {
    // Not JSON: a hand-edited or foreign row; match its text as it is.
    return topicPath.toLowerCase();
  }
}
