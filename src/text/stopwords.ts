// Stopwords dropped from index and query tokens. Kept short on purpose: question words and function words only,
// never domain words (a stopword list that eats "attention" or "模型" would hurt recall).
export const englishStopwords: ReadonlySet<string> = new Set(
  `a an the is are was were be been being am do does did of to in on at by for from with without and or not no
  what whats which who whom whose why how when where this that these those it its it's as into than then there their
  they them we you your i me my our can could should would will shall may might must about please explain describe
  tell between vs versus s t`.split(/\s+/),
);

export const chineseStopwords: ReadonlySet<string> = new Set(
  `的 了 是 在 和 与 及 或 吗 呢 啊 吧 呀 么 着 把 被 让 给 对 从 向 于 而 且 并 也 都 就 还 又 再 很 太 更 最 这 那 这个 那个 这些
  那些 这样 那样 一个 一下 一些 一种 什么 怎么 怎样 怎么样 如何 为什么 为何 哪些 哪个 哪种 哪 啥 是否 是不是 有没有 能否 可以 可 能 会 要 需要
  有 没有 没 请 介绍 介绍一下 简单 简述 说说 讲讲 谈谈 说一下 讲一下 谈一下 解释 解释一下 描述 下 其 之 所 以 为 等 及其 以及 还是 我 你 他 它 们 我们 你们 跟 咋 搞 大家 有人 老是 到底 到底是 为啥 啥样 怎么整 整 呗 嘛 哈 吗 么`.split(
    /\s+/,
  ),
);

/** Both lists in one set: one lookup per token instead of two (every token of every ingested unit is looked up). */
const allStopwords: ReadonlySet<string> = new Set([...englishStopwords, ...chineseStopwords]);

export function isStopword(token: string): boolean {
  return allStopwords.has(token);
}
