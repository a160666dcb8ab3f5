import { describe, expect, it } from 'vitest';
import { type FunctionSize, measureFunctions, sizeProblems } from './function-sizes.rules.ts';

const body = (lines: number) =>
  Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('function sizes', () => {
  // One compiler process for every file of the test, as for the tree.
  const measured = measureFunctions([
    {
      path: 'src/modules/shop/orders.ts',
      text: [
        '/**',
        ' * Its JSDoc is not counted.',
        ' */',
        'export function placeOrder() {',
        body(6),
        '}',
        '',
        "const label = 'नमस्ते — ₹ non-ASCII text before a function moves no line';",
        'export const cancelOrder = async (id: string) => {',
        '  await inTransaction(ctx, async (tx) => {',
        body(4),
        '  });',
        '};',
        'class Cart {',
        '  add(item: string) {',
        '    return item;',
        '  }',
        '}',
      ].join('\n'),
    },
    {
      path: 'src/modules/shop/orders.routes.ts',
      text: [
        'export function orderRoutes(rt: Runtime): FastifyPluginAsyncZod {',
        '  return async (app) => {',
        "    app.post('/api/shop/orders', op, async (req) => {",
        '      return req.body;',
        '    });',
        '  };',
        '}',
      ].join('\n'),
    },
  ]);
  const find = (name: string) => measured.find((f) => f.name === name);

  it('measures a function from its first line to its last, its JSDoc left out', () => {
    expect(find('placeOrder')).toMatchObject({ path: 'src/modules/shop/orders.ts', line: 4, lines: 6 });
  });

  // Positions are read in UTF-16 units, as the text is: the non-ASCII line before `cancelOrder` would
  // push its end onto the next line if they were bytes.
  it('names arrows by their variable, callbacks by their call, methods by their class', () => {
    expect(find('cancelOrder')).toMatchObject({ line: 12, lines: 6 });
    expect(find('cancelOrder > inTransaction()')).toMatchObject({ line: 13, lines: 4 });
    expect(find('Cart.add')).toMatchObject({ line: 19, lines: 3 });
  });

  it('measures the plugin a route factory returns as one function, under the factory name', () => {
    expect(find('orderRoutes')).toMatchObject({ line: 2, lines: 5, routePlugin: true });
    expect(find("orderRoutes > app.post('/api/shop/orders')")).toMatchObject({
      lines: 3,
      routePlugin: false,
    });
    expect(measured.filter((f) => f.path.endsWith('.routes.ts'))).toHaveLength(2);
  });

  const fn = (name: string, lines: number): FunctionSize => ({
    path: 'src/a.ts',
    name,
    line: 1,
    lines,
    routePlugin: false,
  });

  it('refuses a function past 80 lines that the allowlist does not name', () => {
    expect(sizeProblems([fn('short', 80), fn('long', 81)], [])).toEqual([
      'src/a.ts:1 long has 81 lines (limit 80): split it where a name explains a part',
    ]);
  });

  it('lets an allowlisted function shrink but not grow', () => {
    const allowed = [{ path: 'src/a.ts', name: 'long', lines: 120 }];
    expect(sizeProblems([fn('long', 100)], allowed)).toEqual([]);
    expect(sizeProblems([fn('long', 121)], allowed)).toEqual([
      'src/a.ts:1 long grew to 121 lines (allowlisted at 120): it may only shrink',
    ]);
  });

  it('asks to take an entry off the allowlist once its function was split or renamed', () => {
    const allowed = [{ path: 'src/a.ts', name: 'long', lines: 120 }];
    expect(sizeProblems([fn('long', 60)], allowed)).toEqual([
      'src/a.ts: long is allowlisted but no function of that name has more than 80 lines: take it off the allowlist',
    ]);
  });
});
