import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Who writes a guarded column. Issue 13 gives some columns a single owner (an order's status: the
 * transition modules; a product's stock: the stock port); this finds every other writer in the
 * source with the type checker, so the owner rule is checked rather than hoped for:
 * - assignments to the entity property (`=`, `+=`, `-=`, `++`, `--`);
 * - object literals typed as (partial) entities carrying it, including literals passed to a
 *   repository or manager write whose entity comes from the receiver or a class argument;
 * - other values carrying it passed to a write (`Object.assign`, repository, manager and
 *   query-builder writes with a variable or a DTO);
 * - SQL that updates, inserts or upserts the column of the entity's table, quoted or
 *   schema-qualified, with or without an alias.
 * Deliberate evasion (`order['status']`, casts to `never`) is for review to catch.
 */
export interface GuardedColumns {
  /** The entities by file: `src/orders/order.entity.ts` -> `Order`. */
  entities: ReadonlyMap<string, string>;
  /** Their guarded properties (`status`; `stock`, `salesCount`). */
  properties: readonly string[];
  /** Their tables in SQL (`shop_order`) and the guarded columns (`status`; `stock`, `sales_count`). */
  tables: readonly string[];
  columns: readonly string[];
}

export interface ColumnWrite {
  file: string;
  line: number;
  what: string;
}

export const ROOT = join(__dirname, '..', '..');

/** Repository and manager writes, and a query builder's `update(Order).set(values)`. */
const WRITES = new Set(['save', 'insert', 'update', 'upsert', 'create', 'merge', 'preload', 'set']);
const ASSIGNMENTS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken]);
const INCREMENTS = new Set([ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken]);

/**
 * Source files under `src/` that mention the pattern at all, specs and the owners left out. Only
 * these are compiled as roots (what they import comes along), which keeps a check to seconds.
 */
export function sourceFilesMentioning(pattern: RegExp, owners: readonly string[]): string[] {
  return ts.sys
    .readDirectory(join(ROOT, 'src'), ['.ts'])
    .filter((file) => !file.endsWith('.spec.ts') && !owners.includes(relative(ROOT, file)))
    .filter((file) => pattern.test(ts.sys.readFile(file) ?? ''));
}

export function findColumnWrites(guarded: GuardedColumns, files: readonly string[]): ColumnWrite[] {
  const checked = program(files);
  const checker = checked.getTypeChecker();
  const sql = sqlMatchers(guarded);
  const findings: ColumnWrite[] = [];
  for (const fileName of files) {
    const source = checked.getSourceFile(fileName);
    if (!source) throw new Error(`Not compiled: ${fileName}`);
    const report = (node: ts.Node, what: string): void => {
      findings.push({ file: relative(ROOT, fileName), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
    };
    const entityOf = (symbol: ts.Symbol | undefined): string | undefined => declaringEntity(guarded, symbol);
    const visit = (node: ts.Node): void => {
      const assigned = assignedProperty(node);
      if (assigned && guarded.properties.includes(assigned.name.text)) {
        const entity = entityOf(checker.getSymbolAtLocation(assigned.name));
        if (entity) report(node, `${entity}.${assigned.name.text} assigned`);
      }
      if (ts.isObjectLiteralExpression(node) && !isAssertion(node.parent)) {
        for (const property of node.properties) {
          const name = property.name !== undefined && ts.isIdentifier(property.name) ? property.name.text : undefined;
          if (name === undefined || !guarded.properties.includes(name)) continue;
          const entity = literalEntity(checker, node, name, entityOf);
          if (entity) report(property, `${entity} written with ${name}`);
        }
      }
      if (ts.isCallExpression(node)) {
        const what = indirectWrite(checker, node, guarded.properties, entityOf);
        if (what) report(node, what);
      }
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) for (const what of sql(node.text)) report(node, what);
      if (ts.isTemplateExpression(node)) for (const what of sql([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? '))) report(node, what);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

function program(files: readonly string[]): ts.Program {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram([...files], { ...parsed.options, noEmit: true, incremental: false });
}

/** The entity class a property symbol was declared in, if it is one of the guarded ones. */
function declaringEntity(guarded: GuardedColumns, symbol: ts.Symbol | undefined): string | undefined {
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return undefined;
  const className = guarded.entities.get(relative(ROOT, declaration.getSourceFile().fileName));
  return className && ts.isClassDeclaration(declaration.parent) && declaration.parent.name?.text === className ? className : undefined;
}

/** `x.p = ...`, `x.p += ...`, `x.p++`, `--x.p`: the property written. */
function assignedProperty(node: ts.Node): ts.PropertyAccessExpression | undefined {
  if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind) && ts.isPropertyAccessExpression(node.left)) return node.left;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && INCREMENTS.has(node.operator) && ts.isPropertyAccessExpression(node.operand)) return node.operand;
  return undefined;
}

/** A literal asserted to be an entity (`{ ... } as Product`) maps a row read for a view; it writes nothing. */
function isAssertion(node: ts.Node): boolean {
  return ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node);
}

type EntityOf = (symbol: ts.Symbol | undefined) => string | undefined;

/** The entity a literal is written as: by its contextual type, the write's receiver or its class argument. */
function literalEntity(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression, name: string, entityOf: EntityOf): string | undefined {
  const contextual = checker.getContextualType(literal);
  const types = contextual ? (contextual.isUnion() ? contextual.types : [contextual]) : [];
  const byContext = types.map((type) => entityOf(checker.getPropertyOfType(type, name))).find(Boolean);
  if (byContext) return byContext;
  const call = literal.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !WRITES.has(call.expression.name.text)) return undefined;
  // `repository.save({ ... })`: generic methods type the literal by itself; the receiver is a `Repository<Payment>`.
  const byReceiver = typeArgumentsOf(checker, checker.getTypeAtLocation(call.expression.expression))
    .map((type) => entityOf(type.getProperty(name)))
    .find(Boolean);
  if (byReceiver) return byReceiver;
  // `em.create(Product, { ... })`: the first argument is the class; its instances are the entity.
  const first = call.arguments[0];
  return first && first !== literal ? entityOf(instanceOf(checker, first)?.getProperty(name)) : undefined;
}

function typeArgumentsOf(checker: ts.TypeChecker, type: ts.Type): readonly ts.Type[] {
  return (type.flags & ts.TypeFlags.Object) !== 0 ? checker.getTypeArguments(type as ts.TypeReference) : [];
}

function instanceOf(checker: ts.TypeChecker, classExpression: ts.Expression): ts.Type | undefined {
  return checker.getTypeAtLocation(classExpression).getConstructSignatures()[0]?.getReturnType();
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
 * where `patch` is a variable or a DTO with a guarded property of its own. An entity instance
 * carries the entity's own property and is not reported: changing it is an assignment, which is.
 */
function indirectWrite(checker: ts.TypeChecker, call: ts.CallExpression, properties: readonly string[], entityOf: EntityOf): string | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = call.expression.name.text;
  const receiver = call.expression.expression;
  for (const name of properties) {
    let entity: string | undefined;
    let values: readonly ts.Expression[] = [];
    if (method === 'assign' && ts.isIdentifier(receiver) && receiver.text === 'Object') {
      const [target, ...sources] = call.arguments;
      entity = target ? entityOf(checker.getTypeAtLocation(target).getProperty(name)) : undefined;
      values = sources;
    } else if (WRITES.has(method)) {
      entity = typeArgumentsOf(checker, checker.getTypeAtLocation(receiver))
        .map((type) => entityOf(type.getProperty(name)))
        .find(Boolean);
      values = valueArguments(method, call.arguments);
      if (!entity && call.arguments[0]) {
        // EntityManager methods name the entity class first: `manager.update(Order, criteria, values)`.
        entity = entityOf(instanceOf(checker, call.arguments[0])?.getProperty(name));
        values = valueArguments(method, call.arguments.slice(1));
      }
    }
    if (!entity) continue;
    const carries = values.some((value) => {
      if (ts.isObjectLiteralExpression(value) && method !== 'assign') return false;
      const property = checker.getTypeAtLocation(value).getProperty(name);
      return property !== undefined && entityOf(property) === undefined;
    });
    if (carries) return `${entity} written with ${name} (${method})`;
  }
  return undefined;
}

/** SQL writes of the guarded columns: `UPDATE ... SET`, `INSERT INTO ... (columns)`, `ON CONFLICT ... DO UPDATE SET`. */
function sqlMatchers(guarded: GuardedColumns): (text: string) => string[] {
  // The tables, quoted or not, schema-qualified or not (`"public"."shop_order"`), never a longer name (`payment_event`).
  const tables = `(?:"?public"?\\.)?"?(?:${guarded.tables.join('|')})(?!\\w)"?`;
  const columns = guarded.columns.join('|');
  const update = new RegExp(`UPDATE\\s+(?:ONLY\\s+)?${tables}(?:\\s+(?:AS\\s+)?(?!SET\\b)\\w+)?\\s+SET\\b([\\s\\S]*?)(?:\\bWHERE\\b|\\bFROM\\b|\\bRETURNING\\b|$)`, 'gi');
  const insert = new RegExp(`INSERT\\s+INTO\\s+${tables}(?:\\s+(?:AS\\s+)?\\w+)?\\s*\\(([^)]*)\\)`, 'gi');
  const upsert = new RegExp(`INSERT\\s+INTO\\s+${tables}[\\s\\S]*?\\bDO\\s+UPDATE\\s+SET\\b([\\s\\S]*?)(?:\\bWHERE\\b|\\bRETURNING\\b|$)`, 'gi');
  const sets = new RegExp(`(^|[\\s,])("?\\w+"?\\.)?"?(?:${columns})"?\\s*=`, 'i');
  const lists = new RegExp(`\\b(?:${columns})\\b`, 'i');
  return (text) => {
    const found: string[] = [];
    for (const match of text.matchAll(update)) if (sets.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
    for (const match of text.matchAll(insert)) if (lists.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
    for (const match of text.matchAll(upsert)) if (sets.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
    return found;
  };
}
