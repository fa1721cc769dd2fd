import { COMMAND_NAMES, commandFlags } from '../../src/cli/flags/command-flags';
import { FLAG_GROUPS } from '../../src/cli/flags/flag-spec';
import { runCli } from '../helpers/cli';

// the built CLI, as a user sees it (npm test builds first); a pipe, so the width is the fixed default
const help = (argv: readonly string[]): string => {
  const result = runCli(argv);
  expect(result.status).toBe(0);
  return result.stdout;
};

describe('--help teaches', () => {
  it('shopeval --help lists the commands with an example', () => {
    expect(help(['--help'])).toMatchSnapshot();
  });

  it.each(COMMAND_NAMES)('shopeval %s --help: main flags first, grouped, every flag described, examples', (command) => {
    const text = help([command, '--help']);
    expect(text).toMatchSnapshot();
    expect(text).toMatch(/\nExamples:\n {2}shopeval /);
    const groups = Object.values(FLAG_GROUPS).filter((title) => text.includes(`\n${title}\n`));
    const positions = groups.map((title) => text.indexOf(`\n${title}\n`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b)); // in FLAG_GROUPS order: data first, embeddings last
    for (const name of Object.keys(commandFlags(command))) expect(text).toMatch(new RegExp(`\\n {2}--${name} +\\S`));
  });

  it('puts the data and provider flags of run before the embedding flags', () => {
    const text = help(['run', '--help']);
    expect(text.indexOf('--data')).toBeLessThan(text.indexOf('--embedding-backend'));
    expect(text.indexOf('--provider')).toBeLessThan(text.indexOf('--sent-transformer-model'));
    expect(text).toMatch(/--temperature +Sampling temperature/);
  });
});
