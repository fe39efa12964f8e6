export interface Bar {
  label: string;
  value: number;
  /** The value as the table writes it (`Rp1.250.000`). */
  shown: string;
}

const WIDTH = 320;
const ROW = 44;

/**
 * Horizontal bars drawn as plain SVG (no chart library: it would outweigh the console). Labels sit
 * above their bar so long facility names fit a phone. The table next to it carries the same
 * numbers for screen readers, so the picture is hidden from them.
 */
export function BarChart({ bars }: { bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * ROW;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} aria-hidden="true" focusable="false">
      {bars.map((bar, index) => {
        const y = index * ROW;
        const length = Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * WIDTH));
        return (
          <g key={bar.label}>
            <text x="0" y={y + 14} font-size="13" fill="#1f2328">
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
              <tspan font-weight="700"> {bar.shown}</tspan>
            </text>
            <rect x="0" y={y + 20} width={length} height="16" rx="3" fill="#0b5c3b" />
          </g>
        );
      })}
    </svg>
  );
}
