// Drops what scraped pages add around the notes: code-host chrome ("Skip to content", "N lines (M loc) · X KB"),
// group-chat and QR-code adverts, "点击查看答案" links, promotional tails and reference-link lists.
// Removed lines become empty strings so that line numbers of the kept text stay those of the source file.

const chromeLines = new Set(
  [
    'skip to content',
    'latest commit',
    'history',
    'file metadata and controls',
    'raw',
    'blame',
    'preview',
    'code',
    'copy path',
    'copy raw file',
    'download raw file',
    'top',
    'edit this file',
    'more file actions',
    'go to file',
    'open symbols panel',
    'view raw',
    'breadcrumbs',
    '点击查看答案',
    '查看答案',
    '展开阅读全文',
    '阅读全文',
    '收起',
    '目录',
    '文章目录',
    '版权声明',
    '分享',
    '点赞',
    '收藏',
    '评论',
    '关注',
    '举报',
    '打赏',
    'loading...',
  ].map((line) => line.toLowerCase()),
);

const chromePatterns: RegExp[] = [
  /^\d[\d,]* lines? \(\d[\d,]* (?:loc|sloc)\)\s*·\s*[\d.]+\s*[KMG]?B$/i,
  /^[\w.-]+\.(?:md|markdown|txt|ipynb|rst)$/i,
  /^[•·*-]?\s*点击查看答案/,
  /^[•·*-]?\s*(?:\.{3,}|…+)$/,
  /(?:小编|客服)\s*(?:wx|微信|vx|v信)|(?:加|进)(?:入)?(?:交流)?群|面试交流群|微信群|扫码|扫描.{0,4}码|二维码|公众号|关注我们|免费领取|免费获取|转载请注明|发表评论|取消回复|侵犯了您的权益|本站资源|版权归|原文链接|阅读原文/i,
];

/** A promotional tail starts at one of these and runs to the end of the file. */
const promoLeadPatterns: RegExp[] = [
  /^如何(?:系统(?:地|的)?)?学习.{0,8}大模型/,
  /^(?:AI)?大模型(?:全套)?学习(?:路线|资料)/,
  /^(?:学习)?资料(?:包)?(?:分享|领取|获取)/,
  /^获取方式[:\uFF1A]?$/,
  /^(?:最后|写在最后)[,\uFF0C]?.{0,10}(?:分享|福利)/,
];

const hardPromoPattern = /免费领取|扫码|扫描.{0,4}码|二维码|转载请注明|发表评论|取消回复|保证100%免费|领取方式|获取方式/;
const referenceHeading = /^(?:参考链接|参考资料|参考文献|参考|references?|see also)\s*[:\uFF1A]?\s*$/i;

/**
 * Longer than this, a line is content that may contain a promotional sentence, never chrome as a whole: only the
 * sentences that match a chrome pattern are removed (a 3,000-character one-line note that opens with
 * "欢迎阅读…如果对你有用麻烦点一下关注公众号" keeps its text).
 */
const chromeLineMax = 160;

export function cleanLines(lines: string[]): string[] {
  const kept = lines.map((line) => {
    if (isNavigationLine(line)) return '';
    const trimmed = line.trim();
    if (trimmed.length <= chromeLineMax) return isChrome(trimmed) ? '' : line;
    return withoutChromeSentences(line);
  });
  cutPromotionalTail(kept);
  cutReferenceLists(kept);
  return kept;
}

const markdownLink = /!?\[(?:[^\]]|\][^(])*\]\((?:[^()]|\([^)]*\))*\)/g;
const referenceDefinition = /^\s*\[[^\]]+\]:\s*\S+/;
const referenceWords = /^(?:参考|来源|原文|链接|详见|地址|传送门|source|ref|link|see)/i;

/**
 * Navigation, not content: tables of contents, sidebars, navbars, link lists, badge lines and image-only lines. A
 * line is navigation when, once its list marker and its links, images and URLs are taken out, at most a couple of
 * letters (or a word such as "参考"/"see") are left. Such lines are dropped rather than kept as units: they never
 * answer anything, and a file that is only navigation (a `_sidebar.md`) is then reported as having no text.
 */
export function isNavigationLine(line: string): boolean {
  const trimmed = line.trim().replace(/^(?:>\s*)+/, '');
  if (!trimmed) return false;
  if (referenceDefinition.test(trimmed)) return true;
  const withoutMarker = trimmed.replace(/^(?:[-*+•·]|\d{1,3}(?:\.\d{1,3})*[.)、]?)\s+/, '');
  const hasLink = markdownLink.test(withoutMarker) || /https?:\/\/|<a\s/i.test(withoutMarker);
  markdownLink.lastIndex = 0;
  if (!hasLink) return false;
  const residual = withoutMarker
    .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, ' ')
    .replace(markdownLink, ' ')
    .replace(/<?https?:\/\/[^\s)>]+>?/g, ' ')
    .replace(/<\/?a\b[^>]*>/gi, ' ');
  const letters = residual.replace(/[^\p{L}\p{N}]/gu, '');
  return letters.length <= 2 || (letters.length <= 8 && referenceWords.test(residual.trim().replace(/^[^\p{L}]+/u, '')));
}

function withoutChromeSentences(line: string): string {
  const sentences = line.match(/[^。！？!?]+[。！？!?]*/g) ?? [line];
  return sentences.filter((sentence) => !chromePatterns.some((pattern) => pattern.test(sentence.trim()))).join('');
}

function isChrome(trimmed: string): boolean {
  if (!trimmed) return false;
  if (chromeLines.has(trimmed.toLowerCase())) return true;
  return chromePatterns.some((pattern) => pattern.test(trimmed));
}

/** Finds a promo lead line followed within 80 lines by a hard promo marker (扫码, 免费领取, 转载请注明 ...). */
function cutPromotionalTail(lines: string[]): void {
  for (let index = Math.floor(lines.length * 0.3); index < lines.length; index++) {
    const trimmed = (lines[index] ?? '').trim();
    if (!promoLeadPatterns.some((pattern) => pattern.test(trimmed))) continue;
    const window = lines.slice(index, index + 80).join('\n');
    if (hardPromoPattern.test(window)) {
      for (let cut = index; cut < lines.length; cut++) lines[cut] = '';
      return;
    }
  }
}

/** Drops "参考链接:" headings and the URL / article-title list under them. */
function cutReferenceLists(lines: string[]): void {
  for (let index = 0; index < lines.length; index++) {
    if (!referenceHeading.test((lines[index] ?? '').trim())) continue;
    let end = index + 1;
    while (end < lines.length) {
      const trimmed = (lines[end] ?? '').trim();
      const isReference = trimmed === '' || /https?:\/\//.test(trimmed) || /^(?:\d+[.、)]|[-*•[])\s*\S/.test(trimmed);
      if (!isReference) break;
      end++;
    }
    for (let cut = index; cut < end; cut++) lines[cut] = '';
    index = end - 1;
  }
}
