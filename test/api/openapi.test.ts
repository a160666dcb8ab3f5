import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string; enum?: string[]; format?: string };
}
interface Answer {
  description: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, Answer>;
  security?: unknown[];
  'x-permission'?: string;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}
interface ResourceDescription {
  name: string;
  path: string;
  search: boolean;
  columns: {
    name: string;
    sortable: boolean;
    filter: string | null;
    options: (string | { value: string; label: string })[] | null;
  }[];
}

let app: TestApp;
let owner: ApiClient;
let spec: Document;
let operations: { label: string; path: string; op: Operation }[];

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  spec = (await app.anonymous().get('/api/openapi.json')).json();
  operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ label: `${method.toUpperCase()} ${path}`, path, op })),
  );
});
afterAll(() => app.close());

const queryNames = (op: Operation) =>
  (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
const isProblem = (answer: Answer | undefined) =>
  answer?.content?.['application/problem+json']?.schema?.$ref === '#/components/schemas/Problem';

/** The filter parameters a declared column accepts (see the console's resource contract). */
const filterNames = (column: ResourceDescription['columns'][number]) =>
  column.filter === 'range'
    ? [column.name, `${column.name}_gte`, `${column.name}_lte`]
    : column.filter === 'enum'
      ? [column.name, `${column.name}_in`]
      : column.filter
        ? [column.name]
        : [];

describe('the OpenAPI document', () => {
  it('names real query parameters only, never the keywords of a JSON schema', () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const { label, op } of operations)
      expect(queryNames(op), label).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(type|propertyNames|additionalProperties)$/)]),
      );
  });

  it('documents each console list with its paging, sort and declared filters', async () => {
    const resources: ResourceDescription[] = (await owner.get('/api/resources')).json();
    expect(resources.length).toBeGreaterThan(5);
    for (const resource of resources) {
      const list = spec.paths[resource.path]?.get;
      expect(list, resource.path).toBeDefined();
      const params = new Map((list!.parameters ?? []).map((p) => [p.name, p]));
      const filters = resource.columns.flatMap(filterNames);
      expect([...params.keys()].sort(), resource.name).toEqual(
        ['page', 'perPage', 'cursor', 'sort', 'order', ...(resource.search ? ['q'] : []), ...filters].sort(),
      );
      expect(params.get('sort')?.schema?.enum, resource.name).toEqual(
        resource.columns.filter((c) => c.sortable).map((c) => c.name),
      );
      for (const column of resource.columns.filter((c) => c.filter === 'enum'))
        expect(params.get(column.name)?.schema?.enum, `${resource.name}.${column.name}`).toEqual(
          // options with words come as { value, label }; the parameter enumerates the values
          column.options?.map((o) => (typeof o === 'string' ? o : o.value)),
        );
    }
  });

  it('gives every operation its error answers as problem+json', () => {
    expect(spec.components.schemas.Problem?.properties).toHaveProperty('code');
    for (const { label, path, op } of operations) {
      const answers = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      expect(answers.length, label).toBeGreaterThan(0);
      for (const [status, answer] of answers) expect(isProblem(answer), `${label} ${status}`).toBe(true);
      if (op.security?.length) expect(op.responses, label).toHaveProperty('401');
      if (op['x-permission']) expect(op.responses['403']?.description, label).toContain(op['x-permission']);
      if (path.includes('{')) expect(op.responses, label).toHaveProperty('404');
      if (op.parameters?.length) expect(op.responses, label).toHaveProperty('400');
    }
  });

  it('lists what a use case refuses with, and the answer has the documented shape', async () => {
    const confirm = spec.paths['/api/raffle/orders/{id}/confirm']!.post!;
    expect(Object.keys(confirm.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '429']),
    );
    const problem = spec.components.schemas.Problem!.properties!;
    const answer = await owner.post(`/api/raffle/orders/${crypto.randomUUID()}/confirm`);
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const key of Object.keys(answer.json())) expect(problem, key).toHaveProperty(key);
  });
});
