import { describe, expect, it } from 'vitest';
import { checkOutputs } from './output.rules.ts';

describe('checkOutputs', () => {
  it('accepts up to three buttons and ten list rows', () => {
    const buttons = [1, 2, 3].map((i) => ({ id: `b${i}`, title: `B${i}` }));
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, title: `R${i}` }));
    expect(() =>
      checkOutputs(
        [
          { kind: 'buttons', text: 'pick', buttons },
          { kind: 'list', text: 'pick', button: 'Open', rows },
        ],
        'f.s',
      ),
    ).not.toThrow();
  });

  it('refuses a fourth button, an eleventh row, duplicate or oversized ids', () => {
    const four = [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: 'x' }));
    expect(() => checkOutputs([{ kind: 'buttons', text: 't', buttons: four }], 'f.s')).toThrow(/1 to 3/);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: 'x' }));
    expect(() => checkOutputs([{ kind: 'list', text: 't', button: 'b', rows: eleven }], 'f.s')).toThrow(
      /1 to 10/,
    );
    const dup = [
      { id: 'a', title: 'x' },
      { id: 'a', title: 'y' },
    ];
    expect(() => checkOutputs([{ kind: 'buttons', text: 't', buttons: dup }], 'f.s')).toThrow(/twice/);
    const long = [{ id: 'ñ'.repeat(33), title: 'x' }];
    expect(() => checkOutputs([{ kind: 'buttons', text: 't', buttons: long }], 'f.s')).toThrow(/64 bytes/);
  });
});
