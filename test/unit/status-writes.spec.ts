import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Issue 13: no code but the transition modules writes the status of an order, a fulfilment or a
 * payment. Checked on the source with the type checker: assignments to their `status`, object
 * literals typed as (partial) entities carrying a `status`, other values carrying one passed to a
 * write (`Object.assign`, repository, manager or query-builder writes), and SQL that updates,
 * inserts or upserts the `status` column of their tables (quoted or schema-qualified too).
 * Deliberate evasion (`order['status']`, casts to `never`) is for review to catch.
 */
const ROOT = join(__dirname, '..', '..');
const TRANSITION_MODULES = ['src/orders/order-transitions.ts', 'src/orders/fulfilment-transitions.ts', 'src/orders/payment-transitions.ts'];
const ENTITIES = new Map([
  ['src/orders/order.entity.ts', 'Order'],
  ['src/orders/fulfilment.entity.ts', 'Fulfilment'],
  ['src/orders/payment.entity.ts', 'Payment'],
]);
/** The tables, quoted or not, schema-qualified or not (`"public"."shop_order"`), never `payment_event`. */
const TABLES = '(?:"?public"?\\.)?"?(?:shop_order|fulfilment|payment)(?!\\w)"?';
const SQL_UPDATE = new RegExp(`UPDATE\\s+(?:ONLY\\s+)?${TABLES}(?:\\s+(?:AS\\s+)?(?!SET\\b)\\w+)?\\s+SET\\b([\\s\\S]*?)(?:\\bWHERE\\b|\\bFROM\\b|\\bRETURNING\\b|$)`, 'gi');
const SQL_INSERT = new RegExp(`INSERT\\s+INTO\\s+${TABLES}(?:\\s+(?:AS\\s+)?\\w+)?\\s*\\(([^)]*)\\)`, 'gi');
/** An upsert that sets the status when the row exists: `ON CONFLICT ... DO UPDATE SET status = ...`. */
const SQL_UPSERT = new RegExp(`INSERT\\s+INTO\\s+${TABLES}[\\s\\S]*?\\bDO\\s+UPDATE\\s+SET\\b([\\s\\S]*?)(?:\\bWHERE\\b|\\bRETURNING\\b|$)`, 'gi');
const SETS_STATUS = /(^|[\s,])("?\w+"?\.)?"?status"?\s*=/i;

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

/** Repository and manager writes, and a query builder's `update(Order).set(values)`. */
const REPOSITORY_WRITES = new Set(['save', 'insert', 'update', 'upsert', 'create', 'merge', 'preload', 'set']);

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
  for (const match of text.matchAll(SQL_UPDATE)) if (SETS_STATUS.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  for (const match of text.matchAll(SQL_INSERT)) if (/\bstatus\b/i.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  for (const match of text.matchAll(SQL_UPSERT)) if (SETS_STATUS.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  return found;
}

/** The values a write takes: `update(criteria, values)`, `merge(entity, ...values)`, the others first. */
function valueArguments(method: string, args: readonly ts.Expression[]): readonly ts.Expression[] {
  if (method === 'update') return args.slice(1, 2);
  if (method === 'merge') return args.slice(1);
  return args.slice(0, 1);
}

/**
 * Writes whose values are not an object literal typed by the call (the literal check sees those):
 * `Object.assign(order, patch)`, `repository.update(id, patch)`, `manager.save(Payment, patch)`,
 * where `patch` is a variable or a DTO with a `status` of its own. An entity instance carries the
 * entity's own `status` and is not reported: changing it is an assignment, which is.
 */
function indirectWrite(checker: ts.TypeChecker, call: ts.CallExpression): string | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = call.expression.name.text;
  const receiver = call.expression.expression;
  let entity: string | undefined;
  let values: readonly ts.Expression[] = [];
  if (method === 'assign' && ts.isIdentifier(receiver) && receiver.text === 'Object') {
    const [target, ...sources] = call.arguments;
    entity = target ? entityOf(checker.getTypeAtLocation(target).getProperty('status')) : undefined;
    values = sources;
  } else if (REPOSITORY_WRITES.has(method)) {
    const receiverType = checker.getTypeAtLocation(receiver);
    const typeArguments = (receiverType.flags & ts.TypeFlags.Object) !== 0 ? checker.getTypeArguments(receiverType as ts.TypeReference) : [];
    entity = typeArguments.map((type) => entityOf(type.getProperty('status'))).find(Boolean);
    values = valueArguments(method, call.arguments);
    if (!entity && call.arguments[0]) {
      // EntityManager methods name the entity class first: `manager.update(Order, criteria, values)`.
      const constructed = checker.getTypeAtLocation(call.arguments[0]).getConstructSignatures()[0]?.getReturnType();
      entity = constructed ? entityOf(constructed.getProperty('status')) : undefined;
      values = valueArguments(method, call.arguments.slice(1));
    }
  }
  if (!entity) return undefined;
  const carriesStatus = values.some((value) => {
    if (ts.isObjectLiteralExpression(value) && method !== 'assign') return false;
    const status = checker.getTypeAtLocation(value).getProperty('status');
    return status !== undefined && entityOf(status) === undefined;
  });
  return carriesStatus ? `${entity} written with a status (${method})` : undefined;
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
      if (ts.isCallExpression(node)) {
        const what = indirectWrite(checker, node);
        if (what) report(node, what);
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
      '17 Order written with a status (assign)',
      '19 Fulfilment written with a status (update)',
      '20 Payment written with a status (update)',
      '21 SQL',
      '22 SQL',
      '23 SQL',
      '24 Fulfilment written with a status (set)',
    ]);
  });
});
