import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Case {
  file: string;
  code: string;
}

/**
 * Lints snippets as if they were files at the given paths, with the repository's own
 * eslint.config.mjs (what `npm run lint` runs in CI), keeping only the import rule so no type
 * information is needed. ESLint loads its config as ESM, hence a child process.
 */
const LINT = `
import { ESLint } from 'eslint';
import { FEATURES, FOUNDATION, UNRESTRICTED } from './boundaries.config.mjs';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});
const reports = [];
for (const { file, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: file });
  reports.push(result.messages.map((message) => message.ruleId ?? message.message));
}
const placed = [...FOUNDATION, ...UNRESTRICTED, ...Object.keys(FEATURES)];
process.stdout.write(JSON.stringify({ reports, placed }));
`;

interface Linted {
  /** Per case, the rules that reported it. */
  reports: string[][];
  /** Every src/ folder boundaries.config.mjs knows. */
  placed: string[];
}

function lint(cases: Case[]): Linted {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', LINT], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' })) as Linted;
}

/** [file, import, refused?]: the dependency order of ARCHITECTURE.md and each feature's public surface. */
const CASES: [string, string, boolean][] = [
  // The violation the issue names: facilities sits below catalog.
  ['src/facilities/story-card.view.ts', "import { PROGRAMS, type Program } from '../catalog/catalog.types.js';", true],
  ['src/facilities/story-card.view.ts', "import { PROGRAMS, type Program } from './program.types.js';", false],
  // A lower feature never imports a higher one; type-only imports are dependencies too.
  ['src/payments/probe.ts', "import type { Order } from '../orders/order.entity.js';", true],
  ['src/media/probe.ts', "import { Product } from '../catalog/product.entity.js';", true],
  ['src/media/probe.ts', "import { Story } from '../stories/story.entity.js';", true],
  ['src/catalog/probe.ts', "import { CheckoutService } from '../orders/checkout.service.js';", true],
  ['src/orders/probe.ts', "import { StoriesService } from '../stories/stories.service.js';", true],
  ['src/orders/probe.ts', "import { ImpactService } from '../impact/impact.service.js';", true],
  ['src/auth/probe.ts', "import { FacilitiesService } from '../facilities/facilities.service.js';", true],
  ['src/rate-limit/probe.ts', "import type { PartnerRequest } from '../auth/partner-caller.js';", true],
  ['src/jobs/probe.ts', "export { Outbox } from '../outbox/outbox.js';", true],
  ['src/common/http/probe.ts', "import { AuthService } from '../../auth/auth.service.js';", true],
  ['src/database/probe.ts', "import { Facility } from '../facilities/facility.entity.js';", true],
  ['src/config/probe.ts', "import { seedDemo } from '../seed/demo-seeder.js';", true],
  // Higher features through what lower ones offer: services, modules, types, listed entities.
  ['src/orders/probe.ts', "import { CatalogService } from '../catalog/catalog.service.js';", false],
  ['src/orders/probe.ts', "import { Product } from '../catalog/product.entity.js';", false],
  ['src/orders/probe.ts', "import { PAYMENT_PROVIDER } from '../payments/payment-provider.js';", false],
  ['src/orders/dto/probe.ts', "import { COURIERS } from '../../facilities/facility.types.js';", false],
  ['src/stories/probe.ts', "import { CatalogModule } from '../catalog/catalog.module.js';", false],
  ['src/impact/probe.ts', "import { Order } from '../orders/order.entity.js';", false],
  ['src/webhooks/probe.ts', "import { Partner } from '../partners/partner.entity.js';", false],
  ['src/users/probe.ts', "import { RequirePermission } from '../auth/require-permission.decorator.js';", false],
  ['src/catalog/probe.ts', "export { PROGRAMS } from '../facilities/program.types.js';", false],
  ['src/health/probe.ts', "import { Public } from '../auth/public.decorator.js';", false],
  // Issue 13: orders move stock only through the catalog's stock port and ask its sale rule.
  ['src/orders/probe.ts', "import { StockPort } from '../catalog/stock.port.js';", false],
  ['src/orders/probe.ts', "import { SellabilityService } from '../catalog/sellability.service.js';", false],
  ['src/catalog/probe.ts', "import { zoneOf } from '../facilities/delivery-zones.js';", false],
  // ... and never through their internals.
  ['src/orders/probe.ts', "import { ProductsAdminController } from '../catalog/products-admin.controller.js';", true],
  ['src/orders/probe.ts', "import { toProductView } from '../catalog/product.views.js';", true],
  ['src/orders/probe.ts', "import { ProductStock } from '../catalog/product-stock.js';", true],
  ['src/orders/probe.ts', "import { StockMovement } from '../catalog/stock-movement.entity.js';", true],
  ['src/stories/dto/probe.ts', "import { UploadProductImagesDto } from '../../catalog/dto/product-image.dto.js';", true],
  ['src/catalog/probe.ts', "import { bearerToken } from '../auth/auth.guard.js';", true],
  ['src/catalog/probe.ts', "import { LocalStorageDriver } from '../media/storage/local-storage.driver.js';", true],
  ['src/users/probe.ts', "import { RefreshToken } from '../auth/refresh-token.entity.js';", true],
  // The foundation is everyone's, whole; seed/ (demo data, a composition root) is unrestricted.
  ['src/payments/probe.ts', "import { AppConfig } from '../config/app-config.js';", false],
  ['src/media/probe.ts', "import { runSql } from '../database/sql-query.js';", false],
  ['src/seed/probe.ts', "import { renderStoryMarkdown } from '../stories/story-markdown.js';", false],
];

describe('module boundaries (eslint no-restricted-imports, boundaries.config.mjs)', () => {
  let linted: Linted;
  beforeAll(() => {
    linted = lint(CASES.map(([file, code]) => ({ file, code })));
  });

  it.each(CASES.map((entry, index) => [index, ...entry] as const))('case %i: %s  %s  refused=%s', (index, _file, _code, refused) => {
    expect(linted.reports[index]).toEqual(refused ? ['no-restricted-imports'] : []);
  });

  it('places every folder of src/ in the dependency order, so none escapes the rule', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(15);
    expect([...folders].sort()).toEqual([...linted.placed].sort());
  });
});
