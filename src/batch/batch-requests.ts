import type { StreamedDataset } from '../dataset/load-dataset';
import type { ShopBenchRow } from '../dataset/row';
import { plannedItems } from '../pipeline/planned-item';
import { requestForRow, type PromptSettings } from '../pipeline/prompt-settings';
import { openAIRequestBody, type OpenAIApi, type OpenAIRequestBody } from '../providers/openai-compatible/request-body';
import { batchCustomId, batchRequestKey } from './batch-custom-id';

export interface BatchRequest {
  readonly row: ShopBenchRow;
  /** Which of the row's --repeats this request is (undefined when each row is asked once). */
  readonly repeat?: number;
  readonly customId: string;
  /** The row id and body hash: what ingest finds the answer by (the custom_id without the repeat). */
  readonly key: string;
  readonly body: OpenAIRequestBody;
  /** The request asks for the first token's log-probabilities (--mc-scoring logprobs): its answer must carry them. */
  readonly logprobs: boolean;
}

/**
 * Each filtered row's requests (each repeat one after another, as run plans them), in dataset order, built as the live
 * adapter builds them (a repeat with its own seed): export writes them, ingest checks against them.
 */
export async function* batchRequests(
  dataset: StreamedDataset,
  settings: { readonly api: OpenAIApi; readonly model: string; readonly prompt: PromptSettings },
): AsyncGenerator<BatchRequest> {
  for await (const { row, repeat } of plannedItems(dataset.rowsInOrder(), settings.prompt.repeats)) {
    const request = requestForRow(row, settings.prompt, repeat);
    const body = openAIRequestBody(settings.api, settings.model, request);
    yield {
      row,
      ...(repeat === undefined ? {} : { repeat }),
      customId: batchCustomId(row.id, body, repeat),
      key: batchRequestKey(row.id, body),
      body,
      logprobs: request.settings.topLogprobs !== undefined,
    };
  }
}
