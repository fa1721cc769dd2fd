import type { StreamedDataset } from '../dataset/load-dataset';
import type { ShopBenchRow } from '../dataset/row';
import { requestForRow, type PromptSettings } from '../pipeline/prompt-settings';
import { openAIRequestBody, type OpenAIApi, type OpenAIRequestBody } from '../providers/openai-compatible/request-body';
import { batchCustomId } from './batch-custom-id';

export interface BatchRequest {
  readonly row: ShopBenchRow;
  readonly customId: string;
  readonly body: OpenAIRequestBody;
  /** The request asks for the first token's log-probabilities (--mc-scoring logprobs): its answer must carry them. */
  readonly logprobs: boolean;
}

/** Each filtered row's request, in dataset order, built as the live adapter builds it: export writes them, ingest checks against them. */
export async function* batchRequests(
  dataset: StreamedDataset,
  settings: { readonly api: OpenAIApi; readonly model: string; readonly prompt: PromptSettings },
): AsyncGenerator<BatchRequest> {
  for await (const row of dataset.rowsInOrder()) {
    const request = requestForRow(row, settings.prompt);
    const body = openAIRequestBody(settings.api, settings.model, request);
    yield { row, customId: batchCustomId(row.id, body), body, logprobs: request.settings.topLogprobs !== undefined };
  }
}
