// Inline SVG charts for the progress page (no chart library, nothing from a CDN): horizontal bars for mastery per
// topic and vertical bars for counts per day. Colours come from CSS variables so both themes work.
export interface BarDatum {
  label: string;
  value: number;
  /** Shown after the bar; defaults to the value. */
  note?: string;
}

/**
 * Mastery per topic as an HTML list (label, bar, value): text stays at the page's font size on a phone, where an
 * 860-unit SVG scaled to 350 px made the labels 5 px tall.
 */
export function HorizontalBars(props: { data: BarDatum[]; label: string; max?: number; testId?: string; format?: (value: number) => string }) {
  const max = props.max ?? Math.max(1, ...props.data.map((datum) => datum.value));
  return (
    <ul class="hbars" data-testid={props.testId} aria-label={props.label}>
      {props.data.map((datum) => (
        <li key={datum.label} title={`${datum.label}: ${datum.note ?? datum.value}`}>
          <span class="hbar-label">{datum.label}</span>
          <span class="hbar-track" aria-hidden="true">
            <span class="hbar-fill" style={{ width: `${Math.max(0.5, (datum.value / max) * 100)}%` }} />
          </span>
          <span class="hbar-value">{datum.note ?? (props.format ? props.format(datum.value) : String(datum.value))}</span>
        </li>
      ))}
    </ul>
  );
}

export function VerticalBars(props: { data: BarDatum[]; label: string; testId?: string }) {
  const max = Math.max(1, ...props.data.map((datum) => datum.value));
  const width = 520;
  const height = 180;
  const bottom = 24;
  const slot = width / Math.max(1, props.data.length);
  const every = Math.ceil(props.data.length / 10);
  return (
    <svg class="chart" data-testid={props.testId} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="xMinYMin meet">
      <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} class="chart-axis" />
      {props.data.map((datum, index) => {
        const barHeight = (datum.value / max) * (height - bottom - 18);
        const x = index * slot + slot * 0.15;
        return (
          <g key={datum.label}>
            <rect x={x} y={height - bottom - barHeight} width={slot * 0.7} height={barHeight} rx={2} class="chart-bar" />
            {datum.value > 0 && (
              <text x={x + slot * 0.35} y={height - bottom - barHeight - 4} text-anchor="middle" class="chart-value">
                {datum.value}
              </text>
            )}
            {index % every === 0 && (
              // The first and last labels are anchored inside the chart so that they are never clipped at its edges.
              <text
                x={labelX(x + slot * 0.35, index, props.data.length, width)}
                y={height - 6}
                text-anchor={labelAnchor(index, props.data.length)}
                class="chart-label"
              >
                {datum.label}
              </text>
            )}
            <title>{`${datum.label}: ${datum.value}`}</title>
          </g>
        );
      })}
    </svg>
  );
}

function labelAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (index === 0 && count > 1) return 'start';
  if (index === count - 1 && count > 1) return 'end';
  return 'middle';
}

function labelX(center: number, index: number, count: number, width: number): number {
  if (index === 0 && count > 1) return 0;
  if (index === count - 1 && count > 1) return width;
  return center;
}
