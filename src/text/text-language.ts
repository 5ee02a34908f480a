// The language a passage is written in, for answers and their measures: Chinese when Han characters are at least a
// fifth of its letters (a Latin letter counting a quarter, since a Chinese sentence names English terms). Pure.
export function textLanguage(text: string): 'zh' | 'en' {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han * 5 >= han + latin / 4 ? 'zh' : 'en';
}
