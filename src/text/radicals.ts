// CJK Radicals Supplement look-alikes (U+2E80-U+2EFF) that NFKC leaves alone, mapped to the unified ideographs that
// readers see. Kangxi radicals (U+2F00-U+2FDF) need no table: NFKC maps them (⼤ -> 大) in normalize.ts.
const pairs = [
  ...'⺁厂⺇几⺌小⺍小⺎兀⺏尢⺐尢⺒巳⺓幺⺔彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪疋⺫罒⺬示⺭礻⺮竹⺯糸⺰纟⺱罒⺲罒⺳网⺴罒⺵网⺶羊⺷羊⺹耂⺺聿⺻聿⺼月⺽臼⺾艹⺿艹⻀艹⻁虎⻂衤⻃西⻄西⻅见⻆角⻇角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻎辶⻏阝⻐金⻓长⻔门⻘青⻙韦⻚页⻛风⻜飞⻝食⻟食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻯龙⻳龟',
];

export const radicalLookAlikes: ReadonlyMap<string, string> = new Map(
  Array.from({ length: pairs.length / 2 }, (_, index) => [pairs[index * 2] as string, pairs[index * 2 + 1] as string]),
);
