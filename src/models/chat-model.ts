// The ChatModel capability: messages in, text out, optionally streamed token by token through `onToken`.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface DecodingOptions {
  temperature?: number | undefined;
  topP?: number | undefined;
  /** Sent only to servers that accept it (vLLM, llama.cpp, Ollama). */
  topK?: number | undefined;
  presencePenalty?: number | undefined;
  frequencyPenalty?: number | undefined;
  repetitionPenalty?: number | undefined;
  maxTokens?: number | undefined;
}

export interface ChatOptions extends DecodingOptions {
  signal?: AbortSignal | undefined;
  /** Called with each piece of text as it streams; when absent the model may answer in one response. */
  onToken?: ((text: string) => void) | undefined;
  /** Ask for a JSON object (OpenAI `response_format: json_object`). */
  json?: boolean | undefined;
}

export interface ChatResult {
  text: string;
  finishReason: string;
}

export interface ChatModel {
  readonly id: string;
  chat(messages: ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
}
