import type { LanguageModel } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import { wrapLanguageModel } from './wrap-language-model';

/** @default 120000 ms: generous for a local server under load, short enough to notice a hung one */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** Aborts a call that takes longer than `timeoutMs`; adapters pass the signal to their client (Ollama's has no timeout). */
export function timeoutMiddleware(model: LanguageModel, timeoutMs: number = DEFAULT_TIMEOUT_MS): LanguageModel {
  return wrapLanguageModel(model, async (request, next) => {
    const outer = request.abortSignal;
    // a request that waited for a slot while the run was being stopped must not start: no abort event would reach it
    if (isAborted(outer)) throw new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: outer?.reason });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const forward = (): void => controller.abort(outer?.reason);
    outer?.addEventListener('abort', forward, { once: true });
    try {
      return await next({ ...request, abortSignal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted && !isAborted(outer)) {
        throw new ProviderCallError({ kind: 'timeout', message: `no answer within ${timeoutMs} ms`, cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    }
  });
}

/** Read through a call: the signal changes while a request is in flight. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
