import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import { createVirtualFileSystem } from 'typescript/unstable/fs';
import { API } from 'typescript/unstable/sync';
import { describe, expect, it } from 'vitest';

/**
 * One argument order for use cases (issue 67, docs/architecture.md "One argument order"): a function that
 * takes a `Ctx` takes it first, and the dependencies it uses (`deps`, `rt`, `runtime`) come before its
 * input. Read from the parsed source of src/, tests and `__tests__/` helpers left out.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEPENDENCY = /^_?(deps|rt|runtime)$/;

/** Those that keep another order, each with its reason; the list only shrinks. */
const KNOWN: ReadonlyArray<{ path: string; name: string; why: string }> = [
  { path: 'src/app/start-areas.ts', name: 'emit', why: 'an emitter: the event name first' },
];

type Loose = Node & { name?: Loose; text?: string; type?: Loose; parameters?: ReadonlyArray<Loose> };

const FUNCTION_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
]);

function* sourcesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== '__tests__') yield* sourcesUnder(path);
    } else if (/\.ts$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) yield path;
  }
}

/** A function's name where it stands: its own, or the variable or property it is assigned to. */
function nameOf(fn: Loose): string {
  const parent = fn.parent as Loose;
  return fn.name?.text ?? parent.name?.text ?? '(anonymous)';
}

/** Where a function's parameters break the order, as `path name (params)`. */
function orderProblems(path: string, source: SourceFile, text: string): string[] {
  const problems: string[] = [];
  const visit = (node: Loose) => {
    if (FUNCTION_KINDS.has(node.kind) && node.parameters?.length) {
      const params = node.parameters.map((p) => ({
        name: p.name?.text ?? '',
        type: p.type ? text.slice(p.type.getStart(source), p.type.getEnd()) : '',
      }));
      const ctxAt = params.findIndex((p) => p.type === 'Ctx');
      const firstInput = params.findIndex((p, i) => i > 0 && !DEPENDENCY.test(p.name));
      const lateDependency = params.findIndex(
        (p, i) => firstInput > 0 && i > firstInput && DEPENDENCY.test(p.name),
      );
      if (ctxAt > 0 || (ctxAt === 0 && lateDependency > 0))
        problems.push(`${path} ${nameOf(node)} (${params.map((p) => p.name).join(', ')})`);
    }
    node.forEachChild((child) => visit(child as Loose));
  };
  source.forEachChild((child) => visit(child as Loose));
  return problems;
}

describe('one argument order', () => {
  it('gives every use case of src/ its context first, then what it uses, then its input', () => {
    // Only a file that names `Ctx` can hold a function taking one: about a third of src/ is parsed.
    const files = [...sourcesUnder(join(ROOT, 'src'))]
      .map((file) => ({ path: relative(ROOT, file), text: readFileSync(file, 'utf8') }))
      .filter((f) => /\bCtx\b/.test(f.text));
    const root = '/ordered';
    const tree: Record<string, string> = {
      [`${root}/tsconfig.json`]: JSON.stringify({
        compilerOptions: { noResolve: true, noLib: true, types: [], noEmit: true },
        files: files.map((f) => `${root}/${f.path}`),
      }),
    };
    for (const f of files) tree[`${root}/${f.path}`] = f.text;
    const api = new API({ cwd: root, fs: createVirtualFileSystem(tree) });
    try {
      const project = api.updateSnapshot({ openProject: `${root}/tsconfig.json` }).getProjects()[0]!;
      const problems = files.flatMap((f) =>
        orderProblems(f.path, project.program.getSourceFile(`${root}/${f.path}`)!, f.text),
      );
      const known = (problem: string) => KNOWN.some((k) => problem.startsWith(`${k.path} ${k.name} (`));
      expect(problems.filter((p) => !known(p))).toEqual([]);
      // An exception moved onto the order leaves the list.
      expect(KNOWN.filter((k) => !problems.some((p) => p.startsWith(`${k.path} ${k.name} (`)))).toEqual([]);
    } finally {
      api.close();
    }
  }, 30_000);
});
