// The HTTP clients load on first use (the openai client alone is ~60 ms of start-up), so `--help`, `score` and the
// builtin provider never pay for them; require() caches the module, so later calls are a lookup.
type OpenAIModule = typeof import('openai');
type OllamaModule = typeof import('ollama');

/** The `openai` package, required when an OpenAI-compatible endpoint is first used. */
export function loadOpenAI(): OpenAIModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('openai') as OpenAIModule;
}

/** The `ollama` package, required when an Ollama endpoint is first used. */
export function loadOllama(): OllamaModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ollama') as OllamaModule;
}
