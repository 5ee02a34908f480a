// Inline Markdown to clean text, for questions, topics and answers taken from notes: emphasis and escapes removed,
// links to their text, images to their alt text (file-name alts dropped), inline HTML tags removed, blockquote
// markers removed. Code spans and $math$ are kept verbatim; fenced blocks are left alone. Pure.

const codeOrMath = /(`+)[^`]*?\1|\$\$[^$]*\$\$|\$[^$\n]+\$/g;

const markupCharacter = /[`$[!<\\*_~\u0000\u0001]/;

/** One line (or a short text without fences) of Markdown as the clean text a reader sees. */
export function plainInline(text: string): string {
  // Every rule below needs one of these characters; most lines of notes have none and come back as they are.
  return markupCharacter.test(text) ? applyInlineRules(text) : text;
}

/** Every inline rule, whatever the text holds (plainInline skips texts none can change; a test holds them equal). */
export function applyInlineRules(text: string): string {
  const kept: string[] = [];
  const shielded = text.replace(codeOrMath, (match) => {
    kept.push(match);
    return `\u0000${kept.length - 1}\u0000`;
  });
  const plain = shielded
    .replace(/\[!\[([^\]]*)\]\([^)]*\)\]\([^)]*\)/g, (_, alt: string) => altText(alt))
    .replace(/!\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, (_, alt: string) => altText(alt))
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(?:https?:\/\/|mailto:)[^>]+>/g, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?(?:font|span|b|i|u|strong|em|sup|sub|center|div|p|a|mark|small|big)\b[^>]*>/gi, '')
    .replace(/\\\*\\\*|\\_\\_/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '\u0001$1')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/\*\*|__(?=\S)/g, (match, offset: number, whole: string) => (isDanglingStrong(whole, offset) ? '' : match))
    .replace(/(?<![\w*\u0001])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])/g, '$1')
    .replace(/(?<![\p{L}\p{N}_\u0001])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)([^~\n]*?\S)~~/g, '$1')
    .replace(/\u0001/g, '');
  return plain.replace(/\u0000(\d+)\u0000/g, (_, index: string) => kept[Number(index)] ?? '');
}

/** A block of Markdown lines: each line made plain, except inside ``` / ~~~ fences; blockquote markers removed. */
export function plainMarkdown(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (fence) {
        if (trimmed.startsWith(fence)) fence = undefined;
        return line;
      }
      const opening = /^(```|~~~)/.exec(trimmed);
      if (opening?.[1]) {
        fence = opening[1];
        return line;
      }
      return plainInline(line.replace(/^(\s*)(?:>\s?)+/, '$1'));
    })
    .join('\n');
}

/** A `**` left unpaired on its line (a bold span cut by a line break) is markup, not text. */
function isDanglingStrong(whole: string, offset: number): boolean {
  const lineStart = whole.lastIndexOf('\n', offset) + 1;
  const lineEnd = whole.indexOf('\n', offset);
  const line = whole.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return (line.match(/\*\*/g) ?? []).length % 2 === 1;
}

function altText(alt: string): string {
  const trimmed = alt.trim();
  if (!trimmed || /\.(?:png|jpe?g|gif|svg|webp)$/i.test(trimmed) || /^(?:image|img|图|图片|pic|截图|badge)\d*$/i.test(trimmed)) return '';
  return trimmed;
}
