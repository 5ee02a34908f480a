// Anki-compatible TSV: front<TAB>back<TAB>tags per line, HTML-escaped, newlines as <br>, with Anki's file headers
// (#separator, #html, #tags column). Reading it back yields question/answer pairs and the markdown file that
// `progress import-anki` ingests (one "## question" heading per card). Pure.
import { decodeHTML } from 'entities';
import { escapeHtml } from './html-escape.js';

export interface AnkiCard {
  front: string;
  back: string;
  tags: string[];
}

export function ankiTsv(cards: readonly AnkiCard[]): string {
  const header = ['#separator:tab', '#html:true', '#tags column:3'];
  const rows = cards.map((card) => [field(card.front), field(card.back), card.tags.map(tag).filter(Boolean).join(' ')].join('\t'));
  return `${[...header, ...rows].join('\n')}\n`;
}

/** Cards of an Anki TSV (header and blank lines skipped; HTML turned back into text). */
export function parseAnkiTsv(text: string): AnkiCard[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      const [front = '', back = '', tags = ''] = line.split('\t');
      const card = { front: htmlToText(front), back: htmlToText(back), tags: tags.split(/\s+/).filter(Boolean) };
      return card.front && card.back ? [card] : [];
    });
}

/** A markdown knowledge-base file: a "## question" heading per card with its answer below. */
export function ankiMarkdown(cards: readonly AnkiCard[], title: string): string {
  const sections = cards.map((card) => {
    const question = card.front.replace(/\s*\n\s*/g, ' ').trim();
    const heading = /[?？]$/.test(question) ? question : `${question}?`;
    const answer = card.back
      .split('\n')
      .map((line) => line.replace(/^(#+)\s/, '\\$1 '))
      .join('\n')
      .trim();
    return `## ${heading}\n\n${answer}\n`;
  });
  return `# ${title}\n\n${sections.join('\n')}`;
}

function field(text: string): string {
  return escapeHtml(text.trim()).replace(/\t/g, '    ').replace(/\r?\n/g, '<br>');
}

function tag(text: string): string {
  return text.trim().replace(/\s+/g, '_');
}

function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:div|p|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeHTML(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
