import { describe, expect, it } from 'vitest';
import { emptyRecipe, placeIssue, recipesOfFile, toBody, toForm } from './recipe-form.ts';

describe('the recipe editor form', () => {
  it('places a server field path on the recipe field it belongs to, with the rest of the path', () => {
    expect(placeIssue('recipes.0.steps.1.type')).toEqual({ recipe: 0, field: 'steps', inside: '[1].type' });
    expect(placeIssue('recipes.2.name')).toEqual({ recipe: 2, field: 'name', inside: '' });
    expect(placeIssue('recipes')).toEqual({ inside: 'recipes' });
  });

  it('round-trips a recipe through the form and names the fields whose JSON does not parse', () => {
    const recipe = {
      name: 'Latte',
      version: '2',
      prepTimeSeconds: 40,
      steps: [{ key: 's1', name: 'Brew', type: 'brew', params: {} }],
      materials: [{ materialCode: 'MILK', binIndex: 1, amount: 120, unit: 'ml' }],
    };
    expect(toBody([toForm(recipe)])).toEqual({ recipes: [recipe] });
    expect(toBody([{ ...emptyRecipe(), steps: '[{' }])).toEqual({ badJson: ['0.steps'] });
  });

  it('reads an uploaded package or a bare list of recipes, and nothing else', () => {
    expect(recipesOfFile({ recipes: [{ name: 'A' }] })).toEqual([{ name: 'A' }]);
    expect(recipesOfFile([{ name: 'A' }])).toEqual([{ name: 'A' }]);
    expect(recipesOfFile({ name: 'A' })).toBeUndefined();
    expect(recipesOfFile([1])).toBeUndefined();
  });
});
