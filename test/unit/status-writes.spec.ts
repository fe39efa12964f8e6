import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Issue 13: no code but the transition modules writes the status of an order, a fulfilment or a
 * payment. Checked on the source with the type checker: assignments to their `status`, object
 * literals typed as (partial) entities carrying a `status`, and SQL that updates or inserts the
 * `status` column of their tables.
 */
const ROOT = join(__dirname, '..', '..');
const TRANSITION_MODULES = ['src/orders/order-transitions.ts', 'src/orders/fulfilment-transitions.ts', 'src/orders/payment-transitions.ts'];
const ENTITIES = new Map([
  ['src/orders/order.entity.ts', 'Order'],
  ['src/orders/fulfilment.entity.ts', 'Fulfilment'],
  ['src/orders/payment.entity.ts', 'Payment'],
]);
const TABLES = '(?:shop_order|fulfilment|payment)';
const SQL_UPDATE = new RegExp(`UPDATE\\s+${TABLES}\\b(?:\\s+(?!SET\\b)\\w+)?\\s+SET\\b([\\s\\S]*?)(?:\\bWHERE\\b|\\bFROM\\b|\\bRETURNING\\b|$)`, 'gi');
const SQL_INSERT = new RegExp(`INSERT\\s+INTO\\s+${TABLES}\\s*\\(([^)]*)\\)`, 'gi');

interface Finding {
  file: string;
  line: number;
  what: string;
}

function program(files: string[]): ts.Program {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(files, { ...parsed.options, noEmit: true, incremental: false });
}

/** The entity class a property symbol was declared in, if it is one of ours. */
function entityOf(symbol: ts.Symbol | undefined): string | undefined {
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return undefined;
  const file = relative(ROOT, declaration.getSourceFile().fileName);
  const className = ENTITIES.get(file);
  return className && ts.isClassDeclaration(declaration.parent) && declaration.parent.name?.text === className ? className : undefined;
}

const REPOSITORY_WRITES = new Set(['save', 'insert', 'update', 'upsert', 'create', 'merge', 'preload']);

/**
 * `repository.save({ ..., status })`: generic methods type the literal by itself, so the entity is
 * read off the receiver, a `Repository<Payment>`.
 */
function repositoryEntityOf(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression): string | undefined {
  const call = literal.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !REPOSITORY_WRITES.has(call.expression.name.text)) return undefined;
  const receiver = checker.getTypeAtLocation(call.expression.expression);
  const typeArguments = (receiver.flags & ts.TypeFlags.Object) !== 0 ? checker.getTypeArguments(receiver as ts.TypeReference) : [];
  return typeArguments.map((type) => entityOf(type.getProperty('status'))).find(Boolean);
}

function sqlWrites(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SQL_UPDATE)) if (/(^|[\s,])(\w+\.)?status\s*=/i.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  for (const match of text.matchAll(SQL_INSERT)) if (/\bstatus\b/i.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  return found;
}

function findStatusWrites(files: readonly string[]): Finding[] {
  const checked = program([...files]);
  const checker = checked.getTypeChecker();
  const findings: Finding[] = [];
  for (const fileName of files) {
    const source = checked.getSourceFile(fileName);
    if (!source) throw new Error(`Not compiled: ${fileName}`);
    const report = (node: ts.Node, what: string): void => {
      findings.push({ file: relative(ROOT, fileName), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'status') {
        const entity = entityOf(checker.getSymbolAtLocation(node.left.name));
        if (entity) report(node, `${entity}.status assigned`);
      }
      if (ts.isObjectLiteralExpression(node)) {
        const property = node.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'status');
        const contextual = checker.getContextualType(node);
        if (property) {
          const types = contextual ? (contextual.isUnion() ? contextual.types : [contextual]) : [];
          const entity = types.map((type) => entityOf(checker.getPropertyOfType(type, 'status'))).find(Boolean) ?? repositoryEntityOf(checker, node);
          if (entity) report(property, `${entity} written with a status`);
        }
      }
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) for (const what of sqlWrites(node.text)) report(node, what);
      if (ts.isTemplateExpression(node)) for (const what of sqlWrites([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? '))) report(node, what);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

/**
 * Every source file but the transition modules and specs. Only those that mention a status at
 * all are compiled as roots (what they import comes along), which keeps the check to seconds.
 */
function sourceFiles(): string[] {
  return ts.sys
    .readDirectory(join(ROOT, 'src'), ['.ts'])
    .filter((file) => !file.endsWith('.spec.ts') && !TRANSITION_MODULES.includes(relative(ROOT, file)))
    .filter((file) => /status/i.test(ts.sys.readFile(file) ?? ''));
}

const FIXTURE = join(ROOT, 'test', 'unit', 'fixtures', 'status-writes.fixture.ts');

describe('status writes', () => {
  let findings: Finding[];
  beforeAll(() => {
    // One compilation for both checks: most of the time is TypeScript loading the libraries' types.
    findings = findStatusWrites([...sourceFiles(), FIXTURE]);
  }, 60_000);

  it('happen only in the transition modules', () => {
    expect(findings.filter((f) => !f.file.startsWith('test/'))).toEqual([]);
  });

  it('are caught in every form the check looks for (so the check above can fail)', () => {
    expect(findings.filter((f) => f.file.startsWith('test/')).map((f) => `${f.line} ${f.what.split(':')[0] ?? ''}`)).toEqual([
      '11 Order.status assigned',
      '12 Fulfilment written with a status',
      '13 Payment written with a status',
      '14 SQL',
      '15 SQL',
      '16 SQL',
    ]);
  });
});
