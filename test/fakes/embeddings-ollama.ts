import { fakeEmbedding, sendJson, startFakeServer } from './embeddings-vectors';
import type { FakeServer } from './embeddings-vectors';

/** A fake Ollama `/api/embed` that knows the given models and answers others as Ollama does (404, "try pulling it first"). */
export function startFakeOllamaEmbed(models: readonly string[]): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/api/embed') {
      sendJson(response, 404, { error: `no route ${request.method} ${request.url}` });
      return;
    }
    const body = request.body as { model?: unknown; input?: unknown };
    if (typeof body.model !== 'string' || !models.includes(body.model)) {
      sendJson(response, 404, { error: `model "${String(body.model)}" not found, try pulling it first` });
      return;
    }
    const inputs = typeof body.input === 'string' ? [body.input] : (body.input as string[]);
    sendJson(response, 200, {
      model: body.model,
      embeddings: inputs.map(fakeEmbedding),
      total_duration: 1000,
      load_duration: 10,
      prompt_eval_count: inputs.length,
    });
  });
}
