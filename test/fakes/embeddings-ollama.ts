import { fakeEmbedding, sendJson, startFakeServer } from './embeddings-vectors';
import type { FakeServer } from './embeddings-vectors';

export interface FakeOllamaEmbedOptions {
  /** Answer this many requests first as an overloaded Ollama does (503, `{"error": "server busy, ..."}`). */
  readonly failFirst?: number;
  /** Hold the first request this long before answering it (a stalled server). */
  readonly stallFirstMs?: number;
}

/** A fake Ollama `/api/embed` that knows the given models and answers others as Ollama does (404, "try pulling it first"). */
export function startFakeOllamaEmbed(models: readonly string[], options: FakeOllamaEmbedOptions = {}): Promise<FakeServer> {
  let failuresLeft = options.failFirst ?? 0;
  let stall = options.stallFirstMs;
  return startFakeServer(async (request, response) => {
    if (stall !== undefined) {
      const wait = stall;
      stall = undefined;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      sendJson(response, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' });
      return;
    }
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
