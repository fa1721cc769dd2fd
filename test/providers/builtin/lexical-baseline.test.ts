import { lexicalAnswer } from '../../../src/providers/builtin/lexical-baseline';
import type { RequestItem } from '../../../src/providers/provider';

const item = (taskType: RequestItem['taskType']): RequestItem => ({
  id: 'x',
  taskType,
  metric: 'accuracy',
  taskName: 't',
  track: 'untracked',
  isMultipleChoice: taskType === 'multiple-choice',
});

describe('lexical baseline', () => {
  it('picks the option sharing most words with the question', () => {
    const prompt =
      "The product 'APRATIM Women's Cotton Bandhani Dupatta' appears online. What type of fabric is used in it?\n0. spandex, polyester\n1. cotton\n2. microfiber\n3. It cannot be inferred.\nAnswer: ";
    expect(lexicalAnswer(prompt, item('multiple-choice'))).toBe('1');
  });

  it('ranks candidates by overlap with the query', () => {
    const prompt =
      "A user has made a query with keyword 'jeep liberty lift'. Rank the products.\nProduct List: \n1. Garden hose\n2. Jeep Wrangler lift kit\n3. Jeep Liberty lift kit\n4. Phone case\n5. Liberty bell\nOutput: ";
    expect(lexicalAnswer(prompt, item('ranking'))).toBe('3, 2, 5, 1, 4');
    expect(lexicalAnswer(prompt, item('retrieval'))).toBe('3, 2, 5');
  });

  it('returns the query words as entities and an extract for generation', () => {
    expect(lexicalAnswer("Extract the entity type 'product type'.\nQuery: tablette asus\nOutput: ", item('named_entity_recognition'))).toBe(
      'tablette, asus',
    );
    expect(lexicalAnswer('Instructions: Explain\nInput: Toggle Switch\nOutput:', item('generation'))).toBe('Toggle Switch');
    expect(
      lexicalAnswer("A product entitled 'Steadtler Fimo Soft Starter Pack' exists. Generate a German title.\nOutput: ", item('generation')),
    ).toBe('Steadtler Fimo Soft Starter Pack');
  });
});
