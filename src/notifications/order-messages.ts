/**
 * The e-mails an order sends, as pure functions of what happened: Indonesian, plain text (read on
 * phones and slow connections), rupiah written the Indonesian way.
 */

export interface OrderLine {
  productName: string;
  quantity: number;
  lineTotal: number;
}

export interface OrderSummary {
  number: string;
  customerName: string;
  total: number;
  shippingTotal: number;
  lines: OrderLine[];
}

/** Whom an e-mail about an order speaks to, and about which order. */
export type Addressee = Pick<OrderSummary, 'number' | 'customerName'>;

export interface BankTransfer {
  bankName: string;
  accountNumber: string;
  accountName: string;
}

export interface Composed {
  subject: string;
  text: string;
}

export function rupiah(amount: number): string {
  return `Rp${amount.toLocaleString('id-ID')}`;
}

function lineList(order: OrderSummary): string {
  const lines = order.lines.map((l) => `- ${l.productName} x${l.quantity}: ${rupiah(l.lineTotal)}`);
  if (order.shippingTotal > 0) lines.push(`- Ongkos kirim: ${rupiah(order.shippingTotal)}`);
  lines.push(`Total: ${rupiah(order.total)}`);
  return lines.join('\n');
}

const SIGNATURE = '\n\nTerima kasih telah mendukung karya warga binaan pemasyarakatan.\nEtalase Pemasyarakatan';

export function orderCreated(order: OrderSummary, transfer: BankTransfer | null): Composed {
  const payment = transfer
    ? `\n\nSilakan transfer tepat ${rupiah(order.total)} ke ${transfer.bankName} ${transfer.accountNumber} a.n. ${transfer.accountName}, dengan berita ${order.number}. Petugas akan mengonfirmasi pembayaran Anda.`
    : '\n\nSelesaikan pembayaran di halaman checkout sebelum batas waktunya.';
  return {
    subject: `Pesanan ${order.number} diterima`,
    text: `Halo ${order.customerName},\n\nPesanan ${order.number} sudah kami terima:\n${lineList(order)}${payment}${SIGNATURE}`,
  };
}

export function orderPaid(order: OrderSummary): Composed {
  return {
    subject: `Pembayaran pesanan ${order.number} diterima`,
    text: `Halo ${order.customerName},\n\nPembayaran ${rupiah(order.total)} untuk pesanan ${order.number} sudah kami terima. Lapas/Rutan pembuat sedang menyiapkan pesanan Anda.\n${lineList(order)}${SIGNATURE}`,
  };
}

export function orderCancelled(order: Addressee, reason: string): Composed {
  return {
    subject: `Pesanan ${order.number} dibatalkan`,
    text: `Halo ${order.customerName},\n\nPesanan ${order.number} dibatalkan (${reason}). Tidak ada tagihan untuk pesanan ini.${SIGNATURE}`,
  };
}

export function orderRefunded(order: Addressee, refunded: number, full: boolean): Composed {
  const what = full ? 'seluruh pembayaran' : 'sebagian pembayaran';
  return {
    subject: `Pengembalian dana pesanan ${order.number}`,
    text: `Halo ${order.customerName},\n\nKami mengembalikan ${what} pesanan ${order.number}: ${rupiah(refunded)}. Dana kembali lewat metode pembayaran Anda dalam beberapa hari kerja.${SIGNATURE}`,
  };
}

export function latePaymentRefunded(order: Addressee, refunded: number): Composed {
  return {
    subject: `Pembayaran pesanan ${order.number} dikembalikan`,
    text: `Halo ${order.customerName},\n\nPembayaran Anda untuk pesanan ${order.number} tiba setelah batas waktu dan stoknya sudah tidak tersedia, jadi ${rupiah(refunded)} kami kembalikan seluruhnya.${SIGNATURE}`,
  };
}

export function paymentReturned(order: Addressee & Pick<OrderSummary, 'total'>, refunded: number): Composed {
  return {
    subject: `Pembayaran pesanan ${order.number} dikembalikan`,
    text: `Halo ${order.customerName},\n\nJumlah yang kami terima untuk pesanan ${order.number} tidak sama dengan total pesanan (${rupiah(order.total)}), jadi ${rupiah(refunded)} kami kembalikan seluruhnya dan pesanan belum dibayar. Silakan pesan ulang atau hubungi kami.${SIGNATURE}`,
  };
}

export function fulfilmentShipped(order: Addressee, facilityName: string, courier: string, trackingNumber: string): Composed {
  return {
    subject: `Pesanan ${order.number} dikirim`,
    text: `Halo ${order.customerName},\n\nBarang dari ${facilityName} untuk pesanan ${order.number} sudah dikirim dengan ${courier.toUpperCase()}, nomor resi ${trackingNumber}.${SIGNATURE}`,
  };
}

export function orderCompleted(order: Addressee): Composed {
  return {
    subject: `Pesanan ${order.number} selesai`,
    text: `Halo ${order.customerName},\n\nSemua barang pesanan ${order.number} sudah diterima. Semoga bermanfaat!${SIGNATURE}`,
  };
}

/** To the staff of a facility with lines in a newly paid order: what to prepare, no shopper contact. */
export function newOrderForFacility(order: Addressee, facilityName: string, lines: OrderLine[]): Composed {
  return {
    subject: `Pesanan baru ${order.number} untuk ${facilityName}`,
    text: `Pesanan ${order.number} sudah dibayar. Mohon siapkan:\n${lines.map((l) => `- ${l.productName} x${l.quantity}`).join('\n')}\n\nDetail pengiriman ada di menu Pesanan pada panel admin.`,
  };
}
