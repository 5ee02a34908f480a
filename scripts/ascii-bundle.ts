// Build step helper (scripts/bundle-cli.ts): makes a bundle pure ASCII. One non-ASCII character makes Node read the
// whole file into a two-byte string and V8 scan it as one (the 380 KB search bundle: ~1 ms more to read, ~2-3 ms more
// to compile, per CLI call). esbuild already escapes strings and plain templates; it leaves regular expression
// literals and String.raw templates, which are rewritten here so that they mean exactly what they meant.
import ts from 'typescript';

/** The same program with every non-ASCII character escaped; throws where an escape could change the meaning. */
export function asciiOnly(source: string, file: string): string {
  if (isAscii(source)) return source;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const start = node.getStart(tree);
    const text = source.slice(start, node.end);
    if (ts.isRegularExpressionLiteral(node) && !isAscii(text)) {
      // In a pattern, \uXXXX is the character itself (a surrogate pair is one code point under the u or v flag).
      edits.push({ start, end: node.end, text: escapePattern(text) });
      return;
    }
    if ((ts.isStringLiteral(node) || isUntaggedTemplatePart(node)) && !isAscii(text)) {
      // esbuild escapes these already; kept for sources it did not write. A backslash before U+2028/2029 continues
      // the line (the character is dropped), which an escape would not: refused.
      if (/\\[\u2028\u2029]/.test(text)) throw new Error(`${file}: line continuation before U+2028/2029 at ${start}`);
      edits.push({ start, end: node.end, text: escapePattern(text) });
      return;
    }
    if (ts.isTaggedTemplateExpression(node) && !isAscii(text)) {
      if (node.tag.getText(tree) !== 'String.raw') throw new Error(`${file}: non-ASCII text in a tagged template at ${start}`);
      // The raw text is the result: a substitution of the escaped character gives the same string. Only the literal
      // parts are rewritten; expressions in substitutions are visited as any other code.
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        const partStart = part.getStart(tree);
        // "\个" in a raw template is a backslash and the character; a substitution after the backslash would not be.
        if (/\\[^\x00-\x7f]/.test(source.slice(partStart, part.end)))
          throw new Error(`${file}: backslash before a non-ASCII character in String.raw at ${partStart}`);
        edits.push({ start: partStart, end: part.end, text: escapeCodePoints(source.slice(partStart, part.end), rawSubstitution) });
      }
      if (!ts.isNoSubstitutionTemplateLiteral(template)) for (const span of template.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  let result = '';
  let from = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    result += source.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  result += source.slice(from);
  const left = /[^\x00-\x7f]/.exec(result);
  if (left)
    throw new Error(`${file}: non-ASCII character left at ${left.index}: ${JSON.stringify(result.slice(Math.max(0, left.index - 40), left.index + 10))}`);
  return result;
}

/** A template literal or one of its literal parts, outside a tagged template (only the cooked strings are used). */
function isUntaggedTemplatePart(node: ts.Node): boolean {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return !ts.isTaggedTemplateExpression(node.parent);
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
    const template = ts.isTemplateHead(node) ? node.parent : node.parent.parent;
    return !ts.isTaggedTemplateExpression(template.parent);
  }
  return false;
}

function isAscii(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}

/**
 * Each UTF-16 code unit above ASCII as \uXXXX. An identity escape ("\、", allowed without the u flag) already has its
 * backslash: it becomes "\u3001", not "\\u3001" (an escaped backslash followed by "u3001").
 */
export function escapePattern(pattern: string): string {
  let result = '';
  let backslashes = 0;
  for (const unit of pattern.split('')) {
    const code = unit.charCodeAt(0);
    if (code <= 0x7f) {
      result += unit;
      backslashes = unit === '\\' ? backslashes + 1 : 0;
      continue;
    }
    const hex = `u${code.toString(16).padStart(4, '0')}`;
    result += backslashes % 2 === 1 ? hex : `\\${hex}`;
    backslashes = 0;
  }
  return result;
}

/** `${"\u4e2a"}`: the character as an ASCII string substituted into a raw template. */
function rawSubstitution(char: string): string {
  return `\${"${escapePattern(char)}"}`;
}

function escapeCodePoints(text: string, format: (char: string) => string): string {
  return text.replace(/[^\x00-\x7f]/gu, (char) => format(char));
}
