import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Issue 13: the catalog's stock port is the only writer of a product's stock and sold count, so
 * every change has its movement row. Checked on the source with the type checker, like
 * status-writes.spec.ts: assignments to `Product.stock` / `Product.salesCount`, object literals
 * typed as (partial) products carrying them, and SQL that updates or inserts those columns of
 * `product`.
 */
const ROOT = join(__dirname, '..', '..');
const STOCK_PORT = 'src/catalog/product-stock.ts';
const PRODUCT_ENTITY = 'src/catalog/product.entity.ts';
const PROPERTIES = new Set(['stock', 'salesCount']);
const SQL_UPDATE = /UPDATE\s+product\b(?:\s+(?!SET\b)\w+)?\s+SET\b([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/gi;
const SQL_INSERT = /INSERT\s+INTO\s+product\s*\(([^)]*)\)/gi;
const WRITES = new Set(['save', 'insert', 'update', 'upsert', 'create', 'merge', 'preload']);

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

/** True when the symbol is a property declared in the Product entity. */
function isProductProperty(symbol: ts.Symbol | undefined): boolean {
  const declaration = symbol?.declarations?.[0];
  return declaration !== undefined && relative(ROOT, declaration.getSourceFile().fileName) === PRODUCT_ENTITY && ts.isClassDeclaration(declaration.parent);
}

/** `em.create(Product, {...})`, `repository<Product>.update(..., {...})`: the literal's entity, from the call. */
function writesProduct(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression, name: string): boolean {
  const call = literal.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !WRITES.has(call.expression.name.text)) return false;
  const first = call.arguments[0];
  if (first && first !== literal) {
    // `em.create(Product, ...)`: the first argument is the class; its instances are the entity.
    const type = checker.getTypeAtLocation(first);
    const instance = type.getConstructSignatures()[0]?.getReturnType() ?? type;
    if (isProductProperty(instance.getProperty(name))) return true;
  }
  const receiver = checker.getTypeAtLocation(call.expression.expression);
  const typeArguments = (receiver.flags & ts.TypeFlags.Object) !== 0 ? checker.getTypeArguments(receiver as ts.TypeReference) : [];
  return typeArguments.some((type) => isProductProperty(type.getProperty(name)));
}

function sqlWrites(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SQL_UPDATE)) if (/(^|[\s,])(\w+\.)?(stock|sales_count)\s*=/i.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  for (const match of text.matchAll(SQL_INSERT)) if (/\b(stock|sales_count)\b/i.test(match[1] ?? '')) found.push(`SQL: ${match[0].slice(0, 40)}`);
  return found;
}

const ASSIGNMENTS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken]);

function findStockWrites(files: readonly string[]): Finding[] {
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
      if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind) && ts.isPropertyAccessExpression(node.left) && PROPERTIES.has(node.left.name.text)) {
        if (isProductProperty(checker.getSymbolAtLocation(node.left.name))) report(node, `Product.${node.left.name.text} assigned`);
      }
      // A literal asserted to be a Product (`{ ... } as Product`) maps a row read for a view; it writes nothing.
      if (ts.isObjectLiteralExpression(node) && !ts.isAsExpression(node.parent) && !ts.isTypeAssertionExpression(node.parent)) {
        for (const property of node.properties) {
          if (property.name === undefined || !ts.isIdentifier(property.name) || !PROPERTIES.has(property.name.text)) continue;
          const name = property.name.text;
          const contextual = checker.getContextualType(node);
          const types = contextual ? (contextual.isUnion() ? contextual.types : [contextual]) : [];
          if (types.some((type) => isProductProperty(checker.getPropertyOfType(type, name))) || writesProduct(checker, node, name)) report(property, `Product written with ${name}`);
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

/** Every source file but the port and specs that mentions stock or sales at all (what they import comes along). */
function sourceFiles(): string[] {
  return ts.sys
    .readDirectory(join(ROOT, 'src'), ['.ts'])
    .filter((file) => !file.endsWith('.spec.ts') && relative(ROOT, file) !== STOCK_PORT)
    .filter((file) => /stock|sales_?count/i.test(ts.sys.readFile(file) ?? ''));
}

const FIXTURE = join(ROOT, 'test', 'unit', 'fixtures', 'stock-writes.fixture.ts');

describe('stock writes', () => {
  let findings: Finding[];
  beforeAll(() => {
    findings = findStockWrites([...sourceFiles(), FIXTURE]);
  }, 60_000);

  it('happen only in the stock port (src/catalog/product-stock.ts)', () => {
    // The demo seed invents sold counts for the `popular` sort; no order stands behind them, so
    // there is no sale to commit. Its stock goes through the port like everyone's.
    const demoSales = (f: Finding): boolean => f.file === 'src/seed/demo-products.seeder.ts' && f.what === 'Product written with salesCount';
    expect(findings.filter((f) => !f.file.startsWith('test/') && !demoSales(f))).toEqual([]);
  });

  it('are caught in every form the check looks for (so the check above can fail)', () => {
    expect(findings.filter((f) => f.file.startsWith('test/')).map((f) => `${f.line} ${f.what.split(':')[0] ?? ''}`)).toEqual([
      '9 Product.stock assigned',
      '10 Product.salesCount assigned',
      '11 Product written with stock',
      '12 Product written with stock',
      '13 SQL',
      '14 SQL',
      '15 SQL',
    ]);
  });

  it('leave the port itself visible to the check: it writes stock (so "only" means something)', () => {
    expect(findStockWrites([join(ROOT, STOCK_PORT)]).length).toBeGreaterThan(0);
  });
});
