// Everyday words that say the same thing in an answer and in a key point ("完全一样" = "完全一致", "reduce" =
// "cut"): a key point's content token counts as present when the answer has any word of its group. Only plain
// language lives here; technical terms and their synonyms are the glossary's (bank/glossary.yaml). Pure.

/** Groups of interchangeable tokens (as the tokenizer emits them). Chosen from the wording of our claims set. */
const groups: readonly (readonly string[])[] = [
  ['一致', '一样', '相同', '等同', '相等', '同样', '不变'],
  ['不用', '不', '不是', '不会', '没有', '无需', '不需要', '不必', '并非', '无'],
  ['减少', '降低', '下降', '变小', '缩小', '减小', '节省', '省'],
  ['增加', '增大', '提高', '上升', '变大', '放大', '提升'],
  ['计算', '算', '运算'],
  ['重算', '重新计算', '重复计算', '再算'],
  ['保存', '存', '缓存', '存储', '留'],
  ['每步', '每一步', '每次'],
  ['快', '加速', '更快', '提速'],
  ['慢', '更慢', '变慢'],
  ['identical', 'same', 'exact', 'equal', 'unchanged'],
  ['reduce', 'cut', 'lower', 'shrink', 'decrease', 'save', 'fewer', 'less'],
  ['increase', 'raise', 'grow', 'larger', 'more', 'higher'],
  ['faster', 'speed', 'speedup', 'quicker'],
  ['store', 'keep', 'cache', 'save'],
  ['recompute', 'recalculate', 'redo'],
];

const byToken = new Map<string, Set<string>>();
for (const group of groups) {
  for (const token of group) byToken.set(token, new Set([...(byToken.get(token) ?? []), ...group]));
}

/** The answer's tokens plus every word interchangeable with one of them. */
export function withParaphrases(tokens: ReadonlySet<string>): Set<string> {
  const expanded = new Set(tokens);
  for (const token of tokens) for (const other of byToken.get(token) ?? []) expanded.add(other);
  return expanded;
}
