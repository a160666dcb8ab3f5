/**
 * How long the functions of src/ and web/ are (issue 57 item 3, issue 67): every function, method,
 * arrow and function expression, measured from its first line (its JSDoc left out) to its last, blank
 * and comment lines included. Parsed with the TypeScript compiler (`typescript/unstable/sync`:
 * TypeScript 7 parses in its own process, so every file is handed over at once, from memory). The
 * judgement is pure: `sizeProblems` compares what was measured with the allowlist of functions
 * already past the limit.
 */

import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import { createVirtualFileSystem } from 'typescript/unstable/fs';
import { API } from 'typescript/unstable/sync';

/** No function past this many lines, except those of the allowlist. */
export const FUNCTION_LINE_LIMIT = 80;
/** Where STYLE.md and writing-an-area.md say to split a function, and a route plugin by resource. */
export const SPLIT_HINT_LINES = 50;

export interface SourceText {
  path: string;
  text: string;
}

export interface FunctionSize {
  path: string;
  /** Unique in its file: the enclosing functions' names, then its own (`raffleRoutes > app.post('/x')`). */
  name: string;
  line: number;
  lines: number;
  /** A Fastify route plugin: a function whose first parameter is `app`, in a `*.routes.ts` file. */
  routePlugin: boolean;
}

/** A function of the allowlist: past the limit when the limit came, allowed to shrink, never to grow. */
export interface AllowedFunction {
  path: string;
  name: string;
  lines: number;
}

const FUNCTION_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

// The AST's node types are per kind; the few fields read here are read structurally.
type Loose = Node & {
  name?: Loose;
  text?: string;
  expression?: Loose;
  arguments?: ReadonlyArray<Loose>;
  parameters?: ReadonlyArray<Loose>;
  body?: Loose;
  statements?: ReadonlyArray<Loose>;
};

const isFunctionValue = (node: Loose | undefined) =>
  node?.kind === SyntaxKind.ArrowFunction || node?.kind === SyntaxKind.FunctionExpression;

/**
 * The function a factory only returns (`(rt) => async (app) => {…}`, or a body that is one `return`
 * of a function): the two are measured as one, under the factory's name.
 */
function returnedFunction(fn: Loose): Loose | undefined {
  const body = fn.body;
  if (isFunctionValue(body)) return body;
  const only =
    body?.kind === SyntaxKind.Block && body.statements?.length === 1 ? body.statements[0] : undefined;
  if (only?.kind === SyntaxKind.ReturnStatement && isFunctionValue(only.expression)) return only.expression;
  return undefined;
}

function identifierText(node: Loose | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === SyntaxKind.Identifier || node.kind === SyntaxKind.PrivateIdentifier) return node.text;
  if (node.kind === SyntaxKind.StringLiteral || node.kind === SyntaxKind.NumericLiteral) return node.text;
  return undefined;
}

/** A callee read as code (`app.post`, `inTransaction`), short. */
function calleeText(node: Loose | undefined): string {
  if (!node) return '?';
  if (node.kind === SyntaxKind.Identifier) return node.text ?? '?';
  if (node.kind === SyntaxKind.PropertyAccessExpression)
    return `${calleeText(node.expression)}.${node.name?.text}`;
  if (node.kind === SyntaxKind.ThisKeyword) return 'this';
  if (node.kind === SyntaxKind.CallExpression) return `${calleeText(node.expression)}()`;
  return '…';
}

/** The name a function is known by where it stands. */
function ownName(fn: Loose): string {
  const named = identifierText(fn.name);
  if (fn.kind === SyntaxKind.Constructor) return 'constructor';
  const parent = fn.parent as Loose;
  if (named) {
    if (fn.kind === SyntaxKind.MethodDeclaration && parent.kind === SyntaxKind.ClassDeclaration)
      return `${identifierText(parent.name) ?? 'class'}.${named}`;
    return named;
  }
  switch (parent.kind) {
    case SyntaxKind.VariableDeclaration:
    case SyntaxKind.PropertyAssignment:
    case SyntaxKind.PropertyDeclaration:
      return identifierText(parent.name) ?? '(anonymous)';
    case SyntaxKind.CallExpression: {
      const first = parent.arguments?.[0];
      const label = first && first.kind === SyntaxKind.StringLiteral ? `'${first.text}'` : '';
      return `${calleeText(parent.expression)}(${label})`;
    }
    case SyntaxKind.ReturnStatement:
      return '(returned)';
    case SyntaxKind.ExportAssignment:
      return 'default';
    default:
      return '(anonymous)';
  }
}

function lineOf(lineStarts: ReadonlyArray<number>, position: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= position) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Every function of one parsed file with its size. */
function sizesOf(path: string, source: SourceFile, text: string): FunctionSize[] {
  const lineStarts = lineStartsOf(text);
  const found: FunctionSize[] = [];
  const seen = new Map<string, number>();
  /** Functions a factory returns, with the factory's name. */
  const returnedBy = new Map<Loose, string>();
  const uniqueName = (base: string) => {
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} #${count}`;
  };
  const record = (fn: Loose, name: string) => {
    const line = lineOf(lineStarts, fn.getStart(source));
    const lines = lineOf(lineStarts, fn.getEnd()) - line + 1;
    const routePlugin = path.endsWith('.routes.ts') && identifierText(fn.parameters?.[0]?.name) === 'app';
    found.push({ path, name, line, lines, routePlugin });
  };
  const visit = (node: Loose, enclosing: string | undefined) => {
    let inner = enclosing;
    if (FUNCTION_KINDS.has(node.kind)) {
      const name =
        returnedBy.get(node) ?? uniqueName(enclosing ? `${enclosing} > ${ownName(node)}` : ownName(node));
      const returned = returnedFunction(node);
      if (returned) returnedBy.set(returned, name);
      else {
        record(node, name);
        inner = name;
      }
    }
    node.forEachChild((child) => visit(child as Loose, inner));
  };
  source.forEachChild((child) => visit(child as Loose, undefined));
  return found;
}

/** Measures every function of the given files (parsed together, from memory, in one compiler process). */
export function measureFunctions(files: ReadonlyArray<SourceText>): FunctionSize[] {
  const root = '/measured';
  const tree: Record<string, string> = {
    [`${root}/tsconfig.json`]: JSON.stringify({
      compilerOptions: {
        noResolve: true,
        noLib: true,
        types: [],
        noEmit: true,
        allowJs: true,
        jsx: 'preserve',
      },
      files: files.map((f) => `${root}/${f.path}`),
    }),
  };
  for (const f of files) tree[`${root}/${f.path}`] = f.text;
  const api = new API({ cwd: root, fs: createVirtualFileSystem(tree) });
  try {
    const project = api.updateSnapshot({ openProject: `${root}/tsconfig.json` }).getProjects()[0];
    if (!project) throw new Error('the TypeScript compiler opened no project');
    return files.flatMap((f) => {
      const source = project.program.getSourceFile(`${root}/${f.path}`);
      if (!source) throw new Error(`the TypeScript compiler did not parse ${f.path}`);
      return sizesOf(f.path, source, f.text);
    });
  } finally {
    api.close();
  }
}

const keyOf = (f: { path: string; name: string }) => `${f.path}: ${f.name}`;

/**
 * What breaks the rule: a function past the limit that the allowlist does not name, one of the
 * allowlist that grew, and an allowlist entry that no longer matches a function past the limit (split
 * or renamed: take it off, so the list only shrinks).
 */
export function sizeProblems(
  measured: ReadonlyArray<FunctionSize>,
  allowed: ReadonlyArray<AllowedFunction>,
  limit = FUNCTION_LINE_LIMIT,
): string[] {
  const allowedByKey = new Map(allowed.map((a) => [keyOf(a), a]));
  const problems: string[] = [];
  const over = measured.filter((f) => f.lines > limit);
  const overKeys = new Set(over.map(keyOf));
  for (const f of over) {
    const entry = allowedByKey.get(keyOf(f));
    if (!entry)
      problems.push(
        `${f.path}:${f.line} ${f.name} has ${f.lines} lines (limit ${limit}): split it where a name explains a part`,
      );
    else if (f.lines > entry.lines)
      problems.push(
        `${f.path}:${f.line} ${f.name} grew to ${f.lines} lines (allowlisted at ${entry.lines}): it may only shrink`,
      );
  }
  for (const a of allowed)
    if (!overKeys.has(keyOf(a)))
      problems.push(
        `${keyOf(a)} is allowlisted but no function of that name has more than ${limit} lines: take it off the allowlist`,
      );
  return problems;
}

/** Counts for the report: functions past 50 and past 80 lines, route plugins past 50. */
export function sizeCounts(measured: ReadonlyArray<FunctionSize>) {
  return {
    functions: measured.length,
    over50: measured.filter((f) => f.lines > SPLIT_HINT_LINES).length,
    over80: measured.filter((f) => f.lines > FUNCTION_LINE_LIMIT).length,
    routePluginsOver50: measured.filter((f) => f.routePlugin && f.lines > SPLIT_HINT_LINES).length,
  };
}
