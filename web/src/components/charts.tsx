// Inline SVG charts for the progress page (no chart library, nothing from a CDN): horizontal bars for mastery per
// topic and vertical bars for counts per day. Colours come from CSS variables so both themes work.
export interface BarDatum {
  label: string;
  value: number;
  /** Shown after the bar; defaults to the value. */
  note?: string;
}

export function HorizontalBars(props: { data: BarDatum[]; label: string; max?: number; testId?: string; format?: (value: number) => string }) {
  const max = props.max ?? Math.max(1, ...props.data.map((datum) => datum.value));
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 860;
  const barArea = width - labelWidth - 120;
  return (
    <svg
      class="chart"
      data-testid={props.testId}
      viewBox={`0 0 ${width} ${Math.max(1, props.data.length) * rowHeight + 8}`}
      role="img"
      aria-label={props.label}
      preserveAspectRatio="xMinYMin meet"
    >
      {props.data.map((datum, index) => {
        const y = index * rowHeight + 4;
        const barWidth = Math.max(1, (datum.value / max) * barArea);
        return (
          <g key={datum.label}>
            <text x={labelWidth - 8} y={y + 16} text-anchor="end" class="chart-label">
              {truncate(datum.label, 16)}
            </text>
            <rect x={labelWidth} y={y + 4} width={barArea} height={16} rx={4} class="chart-track" />
            <rect x={labelWidth} y={y + 4} width={barWidth} height={16} rx={4} class="chart-bar" />
            <text x={labelWidth + barArea + 6} y={y + 16} class="chart-value">
              {datum.note ?? (props.format ? props.format(datum.value) : String(datum.value))}
            </text>
            <title>{`${datum.label}: ${datum.note ?? datum.value}`}</title>
          </g>
        );
      })}
    </svg>
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
              <text x={x + slot * 0.35} y={height - 6} text-anchor="middle" class="chart-label">
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

function truncate(text: string, length: number): string {
  return [...text].length > length ? `${[...text].slice(0, length - 1).join('')}…` : text;
}
