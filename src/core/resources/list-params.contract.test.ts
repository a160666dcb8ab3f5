import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listQuerySchema } from './list-params.contract.ts';
import { filterParamsOf, parseListParams } from './list-params.rules.ts';
import { sampleResource as r } from './sample-resource.test-fixture.ts';

type ParamDoc = { type?: string; enum?: string[]; format?: string; anyOf?: unknown[]; description?: string };
const documented = (use: 'list' | 'export') =>
  (z.toJSONSchema(listQuerySchema(r, use), { io: 'input' }) as { properties: Record<string, ParamDoc> })
    .properties;

describe('documented list parameters', () => {
  it('names every parameter the list reads, and no other', () => {
    expect(Object.keys(documented('list')).sort()).toEqual(
      ['page', 'perPage', 'cursor', 'sort', 'order', 'q', ...filterParamsOf(r).keys()].sort(),
    );
    expect(Object.keys(documented('export'))).toContain('columns');
    expect(Object.keys(documented('export'))).not.toContain('page');
    expect(Object.keys(documented('export'))).not.toContain('cursor');
  });

  it('gives each filter the type of its column', () => {
    const params = documented('list');
    expect(params.qty_gte).toMatchObject({ type: 'number' });
    expect(params.total_lte).toMatchObject({ type: 'integer' });
    expect(params.dueOn).toMatchObject({ type: 'string', format: 'date' });
    expect(params.createdAt).toMatchObject({ format: 'date-time' });
    expect(params.createdAt_gte?.anyOf).toHaveLength(2);
    expect(params.status).toMatchObject({ type: 'string', enum: ['open', 'paid', 'void'] });
    expect(params.status_in?.description).toContain('open, paid, void');
    expect(params.paid).toMatchObject({ type: 'boolean' });
    expect(params.sort).toMatchObject({ enum: ['customer', 'qty', 'dueOn', 'createdAt'] });
  });

  it('documents only values the list accepts', () => {
    const params = documented('list');
    for (const name of ['sort', 'order', 'status'] as const)
      for (const value of params[name]?.enum ?? [])
        expect(() => parseListParams(r, { [name]: value }), `${name}=${value}`).not.toThrow();
    expect(() => parseListParams(r, { paid: 'true', createdAt_lte: '2026-11-30' })).not.toThrow();
  });

  it('leaves unknown parameters to the list, which refuses them by name', () => {
    const query = listQuerySchema(r, 'list').parse({ page: '2', org_id: 'x' });
    expect(query).toEqual({ page: '2', org_id: 'x' });
    expect(() => parseListParams(r, query)).toThrow(/Unknown parameter org_id/);
  });

  it('refuses a parameter given twice', () => {
    expect(listQuerySchema(r, 'list').safeParse({ customer: ['a', 'b'] }).success).toBe(false);
  });
});
