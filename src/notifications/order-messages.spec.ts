import { fulfilmentShipped, newOrderForFacility, orderCreated, orderRefunded, rupiah, type OrderSummary } from './order-messages';

const order: OrderSummary = {
  number: 'ETL-2026-000123',
  customerName: 'Ayu Lestari',
  total: 1_275_000,
  shippingTotal: 25_000,
  lines: [{ productName: 'Kain Sasirangan', quantity: 5, lineTotal: 1_250_000 }],
};

describe('order e-mails', () => {
  it('writes rupiah the Indonesian way', () => {
    expect(rupiah(1_275_000)).toBe('Rp1.275.000');
    expect(rupiah(0)).toBe('Rp0');
  });

  it('lists lines, shipping and total, and the exact transfer for manual payment', () => {
    const { subject, text } = orderCreated(order, { bankName: 'BRI', accountNumber: '0001', accountName: 'Etalase' });
    expect(subject).toBe('Pesanan ETL-2026-000123 diterima');
    expect(text).toContain('- Kain Sasirangan x5: Rp1.250.000\n- Ongkos kirim: Rp25.000\nTotal: Rp1.275.000');
    expect(text).toContain('transfer tepat Rp1.275.000 ke BRI 0001 a.n. Etalase, dengan berita ETL-2026-000123');
  });

  it('omits shipping for pickup and bank details for card payments', () => {
    const { text } = orderCreated({ ...order, shippingTotal: 0, total: 1_250_000 }, null);
    expect(text).not.toContain('Ongkos kirim');
    expect(text).not.toContain('transfer tepat');
  });

  it('says whether a refund is full or partial', () => {
    expect(orderRefunded(order, 1_275_000, true).text).toContain('seluruh pembayaran');
    expect(orderRefunded(order, 250_000, false).text).toContain('sebagian pembayaran pesanan ETL-2026-000123: Rp250.000');
  });

  it('gives the courier and resi of a shipped parcel', () => {
    expect(fulfilmentShipped(order, 'Lapas Banjarmasin', 'jne', 'X1').text).toContain('dengan JNE, nomor resi X1');
  });

  it("tells facility staff what to prepare without the shopper's contact details", () => {
    const { text } = newOrderForFacility({ ...order, customerName: 'Ayu Lestari' }, 'Lapas Banjarmasin', order.lines);
    expect(text).toContain('- Kain Sasirangan x5');
    expect(text).not.toContain('Ayu');
  });
});
