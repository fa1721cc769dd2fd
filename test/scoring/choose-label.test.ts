import { chooseLabel, optionLabels } from '../../src/scoring/choose-label';

const FOUR = ['0', '1', '2', '3'];

describe('chooseLabel', () => {
  it('adds the spellings of a label with and without a leading space, and picks the most probable label', () => {
    const choice = chooseLabel(FOUR, [
      { token: ' 1', logprob: Math.log(0.3) },
      { token: '1', logprob: Math.log(0.2) },
      { token: '2', logprob: Math.log(0.4) },
      { token: ' 0', logprob: Math.log(0.05) },
      { token: '\u25813', logprob: Math.log(0.05) }, // SentencePiece's word mark
    ]);
    expect(choice.chosen).toBe('1'); // 0.3 + 0.2 beats 0.4
    expect(choice.logprobs['1']).toBeCloseTo(Math.log(0.5), 10);
    expect(choice.method).toBe('all-labels-in-top-k');
    expect(choice.missing).toBe(0);
    expect(Object.values(choice.distribution).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(choice.distribution['1']).toBeCloseTo(0.5, 12);
  });

  it('counts labels missing from the top-k, with the bound on their probability, and still chooses among the visible ones', () => {
    const choice = chooseLabel(FOUR, [
      { token: ' The', logprob: -0.5 },
      { token: ' 3', logprob: -2 },
      { token: 'Answer', logprob: -2.5 },
      { token: '0', logprob: -4 },
    ]);
    expect(choice).toMatchObject({ chosen: '3', method: 'some-labels-missing', missing: 2, missing_bound: -4 });
    expect(choice.logprobs).toEqual({ '0': -4, '1': null, '2': null, '3': -2 });
  });

  it('makes no choice when no label is visible, rather than treating all as probability zero', () => {
    const choice = chooseLabel(FOUR, [
      { token: ' The', logprob: -0.1 },
      { token: ' I', logprob: -3 },
    ]);
    expect(choice).toMatchObject({ chosen: null, method: 'no-label-in-top-k', missing: 4, missing_bound: -3, distribution: {} });
  });

  it('says so when the prompt offers no options, and ignores tokens that only contain a label', () => {
    expect(chooseLabel([], [{ token: '1', logprob: -1 }])).toMatchObject({ chosen: null, method: 'no-options-in-prompt' });
    expect(
      chooseLabel(
        ['1', '2'],
        [
          { token: '12', logprob: -0.1 },
          { token: '2.', logprob: -0.2 },
          { token: '2', logprob: -5 },
        ],
      ).chosen,
    ).toBe('2');
  });

  it('breaks ties toward the earlier label', () => {
    expect(
      chooseLabel(FOUR, [
        { token: '3', logprob: -1 },
        { token: '1', logprob: -1 },
      ]).chosen,
    ).toBe('1');
  });
});

describe('optionLabels', () => {
  it('reads the numbered options the prompt lists', () => {
    expect(optionLabels('Which is a phone case?\n0. mouse pad\n1. phone case\n2. cable\n3. charger\nAnswer: ')).toEqual(FOUR);
    expect(optionLabels('Pick:\n1. a\n2. b\n3. c\n4. d\n5. e\nAnswer: ')).toEqual(['1', '2', '3', '4', '5']);
  });

  it('reads a rating scale when no options are listed, and nothing otherwise', () => {
    expect(optionLabels('Evaluate the review on a scale of 1 to 5, with 1 being very negative.\nOutput:')).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(optionLabels('Write a product title.')).toEqual([]);
    expect(optionLabels('on a scale of 1 to 100')).toEqual([]);
  });
});
