// What a question asks for — a cause (why), a definition (what), a method (how), a comparison, a quantity — read off
// its interrogatives, which the tokenizer drops as stopwords. "为什么会出现幻觉" and "什么是幻觉" share every content
// word; only the intent tells the cause item from the definition item. Pure.

export type Intent = 'why' | 'what' | 'how' | 'compare' | 'quantity';

const patterns: [Intent, RegExp][] = [
  ['why', /为什么|为何|为啥|原因|怎么会|\bwhy\b|\bcauses?\b|\breasons?\b/i],
  ['compare', /区别|不同|异同|对比|比较|差别|差异|\bvs\.?\b|\bversus\b|\bdiffer|\bcompare|\bcomparison\b/i],
  ['quantity', /多少|多大|几个|几种|\bhow (?:much|many|big|large)\b/i],
  ['how', /如何|怎么(?!会)|怎样|怎么办|方法|做法|流程|步骤|\bhow\b|\bsteps?\b|\bmethods?\b|\bways? to\b/i],
  ['what', /什么是|是什么|是啥|介绍|含义|定义|概念|\bwhat (?:is|are)\b|\bdefine\b|\bdefinition\b/i],
];

/** Intents of a question's first clause (the rest of a bank question often adds a second ask). */
export function intentsOf(question: string): Set<Intent> {
  const first = question.split(/[?？。;；]/).find((clause) => clause.trim()) ?? question;
  return new Set(patterns.filter(([, pattern]) => pattern.test(first)).map(([intent]) => intent));
}

/**
 * 1 when the candidate asks what the query asks, else 0. Only agreement counts: a note's heading ("我们组线上是怎么部署的")
 * often asks differently from the question it answers, and penalising disagreement cost notes queries on the tuning set.
 */
export function intentAgreement(query: Set<Intent>, candidate: Set<Intent>): number {
  for (const intent of query) if (candidate.has(intent)) return 1;
  return 0;
}
