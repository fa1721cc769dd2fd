import { ConfigError } from '../../errors';
import { requestItemOf, type RequestItem } from '../provider';
import { defineProvider, type RowFields } from '../provider-definition';

/** Just the fields a builtin baseline reads, so a million rows' prompts are not held. */
async function requestItems(rows: AsyncIterable<RowFields>): Promise<RequestItem[]> {
  const items: RequestItem[] = [];
  for await (const row of rows) items.push(requestItemOf(row));
  return items;
}

/** `--provider builtin`: baselines that need no server (`--seed` seeds the random one). */
export const BUILTIN = defineProvider<object>()({
  name: 'builtin',
  describe: "Baselines that need no server: lexical (word overlap with the prompt) and random (the starter kit's seeded DummyModel)",
  answers: 'a baseline',
  model: { default: 'lexical', names: 'lexical or random' },
  flags: {},
  environment: [],
  capabilities: { replicas: false, logprobs: false, predictionsFile: false },
  async create(_settings, context) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as every adapter
    const { BUILTIN_MODELS, createBuiltinProvider } = require('./builtin-provider') as typeof import('./builtin-provider');
    const model = BUILTIN_MODELS.find((name) => name === context.model);
    if (model === undefined) {
      throw new ConfigError(`unknown builtin model "${context.model}"`, { hint: `Builtin models: ${BUILTIN_MODELS.join(', ')}.` });
    }
    return createBuiltinProvider({
      model,
      items: model === 'random' && context.rows !== undefined ? await requestItems(context.rows()) : [],
      ...(context.seed === undefined ? {} : { seed: context.seed }),
    });
  },
});
