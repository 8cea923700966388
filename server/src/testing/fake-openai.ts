/**
 * A local fake of an OpenAI-compatible chat endpoint for tests (never used by the product): POST /v1/chat/completions
 * with a Bearer key, answering with the content a test scripts from the request's messages, in the real response
 * shape (`choices[0].message.content`, `usage`), or with the protocol's error body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest { model: string; messages: { role: string; content: string }[]; temperature?: number; stream?: boolean }

export interface FakeOpenAI {
  baseUrl: string;
  apiKey: string;
  requests: ChatRequest[];
  /** What the model "writes" for a request; a number answers with that HTTP status instead. */
  reply: (req: ChatRequest) => string | number;
  close(): Promise<void>;
}

export async function startFakeOpenAI(apiKey = 'sk-test-zg-0123456789'): Promise<FakeOpenAI> {
  const fake: FakeOpenAI = { baseUrl: '', apiKey, requests: [], reply: () => '（未设定回答）', close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'Not found', type: 'invalid_request_error' } });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
      let body: ChatRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      } catch {
        return send(400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
      }
      if (typeof body.model !== 'string' || !Array.isArray(body.messages)) return send(400, { error: { message: 'model and messages are required', type: 'invalid_request_error' } });
      fake.requests.push(body);
      const out = fake.reply(body);
      if (typeof out === 'number') return send(out, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      return send(200, {
        id: `chatcmpl-${fake.requests.length}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: out }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
