/**
 * A client of the OpenAI-compatible chat protocol (POST {baseUrl}/chat/completions, Bearer key): what locally deployed
 * models (vLLM, Ollama, Xinference, LM Studio …) and hosted ones speak. Non-streaming: the answer is checked for
 * citations before anyone sees it, so nothing is gained by streaming it.
 */
export interface ChatEndpoint { baseUrl: string; model: string; apiKey: string }
export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

export class ChatError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
  }
}

export interface ChatClient { complete(endpoint: ChatEndpoint, messages: readonly ChatMessage[]): Promise<string> }

export const httpChatClient = (timeoutMs = 30_000): ChatClient => ({
  async complete(endpoint, messages) {
    const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.apiKey}` },
        body: JSON.stringify({ model: endpoint.model, messages, temperature: 0.2, stream: false }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ChatError(`model endpoint unreachable: ${(err as Error).message}`, null);
    }
    const text = await res.text();
    if (!res.ok) throw new ChatError(`model endpoint answered ${res.status}: ${text.slice(0, 200)}`, res.status);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ChatError('model endpoint answered something that is not JSON', res.status);
    }
    const content = (body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new ChatError('model endpoint answered without choices[0].message.content', res.status);
    return content;
  },
});
