/**
 * A plain table with a bar beside each number, drawn in inline SVG (no chart library): the
 * numbers are the content, the bars only a picture of them, hidden from screen readers.
 */
export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** How the value is written (rupiah, a percentage); the number itself by default. */
  text?: string;
}

interface BarTableProps {
  caption: string;
  labelHeading: string;
  valueHeading: string;
  rows: BarRow[];
  total?: { label: string; value: number };
  /** The caption only for screen readers, when a heading right above says the same. */
  captionHidden?: boolean;
}

export function BarTable({ caption, labelHeading, valueHeading, rows, total, captionHidden }: BarTableProps) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const format = new Intl.NumberFormat('id-ID');
  return (
    <table class="bars with-bars">
      <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="label-col">
            {labelHeading}
          </th>
          <th scope="col" class="num num-col">
            {valueHeading}
          </th>
          <th scope="col" class="bar-cell">
            <span class="visually-hidden">{valueHeading}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td class="num">{row.text ?? format.format(row.value)}</td>
            <td class="bar-cell">
              <svg viewBox="0 0 100 12" width="100%" height="12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width={(row.value / max) * 100} height="12" rx="2" fill="#0b5c3b" />
              </svg>
            </td>
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr>
            <th scope="row">{total.label}</th>
            <td class="num">{format.format(total.value)}</td>
            <td />
          </tr>
        </tfoot>
      )}
    </table>
  );
}
