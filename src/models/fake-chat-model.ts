// A deterministic ChatModel for tests, demos and the fake OpenAI server: it "answers" by quoting the first sentence
// of the first passages it is given, with their [n] citations; it also handles the query-rewrite, HyDE, rerank and
// judge prompts. It never follows instructions found inside passages (it only quotes them).
import type { ChatMessage, ChatModel, ChatOptions, ChatResult } from './chat-model.js';

export class FakeChatModel implements ChatModel {
  readonly id: string;

  constructor(id = 'fake-model') {
    this.id = id;
  }

  async chat(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
    const text = fakeReply(messages);
    if (options.onToken) for (const piece of text.match(/[\s\S]{1,8}/g) ?? []) options.onToken(piece);
    return { text, finishReason: 'stop' };
  }
}

export function fakeReply(messages: ChatMessage[]): string {
  const system = messages.find((message) => message.role === 'system')?.content ?? '';
  const user = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
  if (system.includes('Rewrite the user')) return [user, `${user} 原理`, `${user} explained`].join('\n');
  if (system.includes('hypothetical') || system.includes('used only for search')) return `${user} 这个问题涉及的核心概念、机制和取舍。`;
  if (system.includes('Score how well')) {
    const numbers = [...user.matchAll(/^(?:\[(\d+)\]|<passage n="(\d+)">)/gm)].map((match) => match[1] ?? match[2]);
    return JSON.stringify({ scores: Object.fromEntries(numbers.map((n, index) => [n, Math.max(0, 10 - index * 2)])) });
  }
  if (system.includes('"score"') && system.includes('rubric')) return JSON.stringify({ score: 3, covered: [], missed: [], feedback: 'fake judge' });
  const passages = [...user.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)].map((match) => ({ n: Number(match[1]), text: match[2] ?? '' }));
  if (passages.length === 0) return 'The knowledge base does not cover this.';
  return passages
    .slice(0, 2)
    .map((passage) => {
      const body = passage.text.replace(/^Q: .*\n/, '').trim();
      const sentence = (body.match(/^[^。！？.!?\n]+[。！？.!?]?/) ?? [body.slice(0, 80)])[0];
      return `${sentence.trim()} [${passage.n}]`;
    })
    .join(' ');
}
