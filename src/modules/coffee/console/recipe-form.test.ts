import { describe, expect, it } from 'vitest';
import { emptyRecipe, fromJson, placeIssue, recipesOfFile, toBody, toForm, toJson } from './recipe-form.ts';

describe('the recipe editor form (issue 41, item 16)', () => {
  it('places a server field path on the field of the row it names', () => {
    expect(placeIssue('recipes.0.steps.1.type')).toEqual({ recipe: 0, key: '0.steps.1.type', inside: '' });
    expect(placeIssue('recipes.0.materials.0.unit')).toEqual({
      recipe: 0,
      key: '0.materials.0.unit',
      inside: '',
    });
    expect(placeIssue('recipes.0.steps.2.params.size')).toEqual({
      recipe: 0,
      key: '0.steps.2.params',
      inside: 'size',
    });
    expect(placeIssue('recipes.1.steps')).toEqual({ recipe: 1, key: '1.steps', inside: '' });
    expect(placeIssue('recipes.2.name')).toEqual({ recipe: 2, key: '2.name', inside: '' });
    expect(placeIssue('recipes')).toEqual({ inside: 'recipes' });
  });

  it('round-trips a recipe through rows, keeping what the rows have no field for', () => {
    const recipe = {
      name: 'Latte',
      version: '2',
      prepTimeSeconds: 40,
      steps: [
        { key: 's1', name: 'Grind', type: 'grind', params: { size: 4 }, materials: ['BEANS'] },
        { key: 's2', name: 'Steam', type: 'froth', params: {}, durationSeconds: 20, temperature: 65 },
      ],
      materials: [{ materialCode: 'MILK', binIndex: 1, amount: 120, unit: 'ml' }],
    };
    const form = toForm(recipe);
    expect(form.steps[1]).toMatchObject({ type: 'froth', durationSeconds: '20', temperature: '65' });
    expect(form.materials[0]).toEqual({ materialCode: 'MILK', binIndex: '1', amount: '120', unit: 'ml' });
    expect(toBody([form])).toEqual({ recipes: [recipe] });
    expect(fromJson(toJson([form]))).toEqual([form]);
  });

  it('sends a number typed wrong as typed, so the server names that field; leaves empty optionals out', () => {
    const form = emptyRecipe();
    form.materials[0]!.amount = 'lots';
    form.steps[0]!.durationSeconds = '';
    const body = toBody([form]).recipes[0] as { materials: { amount: unknown }[]; steps: object[] };
    expect(body.materials[0]!.amount).toBe('lots');
    expect(body.steps[0]).not.toHaveProperty('durationSeconds');
  });

  it('reads an uploaded package or a bare list of recipes, and nothing else', () => {
    expect(recipesOfFile({ recipes: [{ name: 'A' }] })).toEqual([{ name: 'A' }]);
    expect(recipesOfFile([{ name: 'A' }])).toEqual([{ name: 'A' }]);
    expect(recipesOfFile({ name: 'A' })).toBeUndefined();
    expect(recipesOfFile([1])).toBeUndefined();
    expect(fromJson('[{')).toBeUndefined();
  });
});
