import { ConfigError } from '../../errors';
import { defineProvider } from '../provider-definition';

export interface ReplayOptions {
  /** The predictions file: JSON Lines of {"id", "output"}. */
  readonly predictions?: string;
}

/** `--provider replay`: answers from a predictions file (the one `shopeval score` reads). */
export const REPLAY = defineProvider<ReplayOptions>()({
  name: 'replay',
  describe: 'Answers from a predictions file (a submission, or an old run), scored as `shopeval score` scores it',
  answers: 'a predictions file',
  model: { default: 'replay', names: 'a label' },
  flags: {
    predictions: {
      option: 'predictions',
      spec: { type: 'string', path: 'path', group: 'model', describe: 'replay: JSON Lines of {"id": ..., "output": "..."}' },
    },
  },
  environment: [],
  capabilities: { replicas: false, logprobs: false, predictionsFile: true, oneAnswerPerRow: 'a replay file holds one answer per row' },
  async create(settings, context) {
    if (settings.predictions === undefined) throw new ConfigError('--provider replay needs --predictions <file.jsonl>');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as every adapter
    const { createReplayProvider } = require('./replay-provider') as typeof import('./replay-provider');
    return createReplayProvider({
      path: settings.predictions,
      model: context.model,
      ...(context.predictionIndex === undefined ? {} : { predictions: context.predictionIndex }),
    });
  },
});
