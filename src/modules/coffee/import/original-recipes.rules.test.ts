import { describe, expect, it } from 'vitest';
import { fleetMaterials, translateRecipe } from './original-recipes.rules.ts';

const fleet = () => {
  const f = fleetMaterials();
  for (const [code, bin] of [
    ['COFFEE_BEAN_A', 1],
    ['COFFEE_BEAN_A', 1],
    ['COFFEE_BEAN_A', 3],
    ['MILK_POWDER', 2],
    ['WATER', 4],
  ] as const)
    f.sawBin(code, bin);
  f.units.set('COFFEE_BEAN_A', 'g').set('MILK_POWDER', 'g').set('WATER', 'ml');
  return f;
};

describe("the original's recipes in every shape it wrote", () => {
  it("runs main's seed-demo recipe, its materials in the bins most machines keep them in", () => {
    const t = translateRecipe(
      'Classic Latte',
      '1.0',
      {
        steps: [
          { action: 'grind', material: 'COFFEE_BEAN_A', amount: 20, unit: 'g' },
          { action: 'brew', temperature: 85, time: 25 },
          { action: 'steam', material: 'MILK_POWDER', amount: 10, unit: 'g' },
          { action: 'combine', ratio: '1:3' },
        ],
        output: { volume: 250, unit: 'ml' },
      },
      fleet(),
    );
    expect(t).toMatchObject({
      recipe: {
        steps: [
          { key: '1', type: 'grind' },
          { key: '2', type: 'brew', temperature: 85, durationSeconds: 25 },
          { key: '3', type: 'froth' },
          { key: '4', type: 'mix', params: { ratio: '1:3' } },
        ],
        materials: [
          { materialCode: 'COFFEE_BEAN_A', binIndex: 1, amount: 20, unit: 'g' },
          { materialCode: 'MILK_POWDER', binIndex: 2, amount: 10, unit: 'g' },
        ],
      },
      notes: ["its materials' bins taken from the machines that hold them"],
    });
    expect('draft' in t).toBe(false);
  });

  it("runs the device agent's manifest shape: bins by code, milliseconds, water in ml, its price noted", () => {
    const t = translateRecipe(
      '拿铁',
      '1.0.0',
      {
        id: 202,
        price: 18.0,
        temperature: 'hot',
        steps: [
          { action: 'grind', bin: 'COFFEE_BEAN_A', amount: 12, unit: 'g', duration_ms: 3500 },
          { action: 'brew', water_ml: 60, duration_ms: 25000 },
          { action: 'add_powder', bin: 'MILK_POWDER', amount: 8, unit: 'g', duration_ms: 2000 },
        ],
        materials: { COFFEE_BEAN_A: 12.0, MILK_POWDER: 8.0, WATER: 60.0 },
      },
      fleet(),
    );
    expect(t).toMatchObject({
      recipe: {
        steps: [{ durationSeconds: 3.5 }, { type: 'brew', durationSeconds: 25 }, { type: 'dispense' }],
        materials: [
          { materialCode: 'COFFEE_BEAN_A', amount: 12, unit: 'g' },
          { materialCode: 'MILK_POWDER', amount: 8, unit: 'g' },
          { materialCode: 'WATER', binIndex: 4, amount: 60, unit: 'ml' },
        ],
      },
    });
    expect(t.notes).toContain('its price is not part of a recipe (machines price their sales)');
  });

  it('says in words why a recipe cannot run, never a schema message', () => {
    const hot = translateRecipe(
      'Hot',
      '1',
      { steps: [{ action: 'brew', temperature: 130, material: 'WATER', amount: 1 }] },
      fleet(),
    );
    expect(hot).toMatchObject({ draft: 'step 1: its temperature is more than 100' });
    expect(translateRecipe('X', '1', [1, 2], fleet())).toMatchObject({
      draft: 'its JSON is no recipe (no steps, no materials)',
    });
    expect(
      translateRecipe(
        'Y',
        '1',
        { steps: [{ action: 'dispense', material: 'ROSE', amount: 5, unit: '勺' }] },
        fleet(),
      ),
    ).toMatchObject({
      draft: `ROSE is measured in "勺", which Opsdesk does not count in; ROSE is in no machine's bin`,
    });
  });
});
