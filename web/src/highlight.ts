// Search highlighting: the words of a query marked in already-safe HTML (only text between tags is touched, so the
// markup the renderer produced stays intact). Pure.

/** "RoPE 外推" -> ["RoPE", "外推"]; one-letter words are left out (they would mark half the page). */
export function queryTerms(query: string): string[] {
  const terms = query
    .split(/[\s,,。??!!、;;::()()]+/)
    .map((term) => term.trim())
    .filter((term) => term.length >= 2 || /[\u3400-\u9fff]/.test(term));
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

export function highlightHtml(html: string, terms: string[]): string {
  if (terms.length === 0) return html;
  const pattern = new RegExp(terms.map((term) => escapeRegExp(escapeHtml(term))).join('|'), 'gi');
  return html
    .split(/(<[^>]+>)/)
    .map((part) => (part.startsWith('<') ? part : part.replace(pattern, (match) => `<mark>${match}</mark>`)))
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
