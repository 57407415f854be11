import { useEffect, useRef } from 'react';
import {
  Chart as ChartJS, LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler,
} from 'chart.js';

ChartJS.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);

// Colour-blind-safe palette (Okabe–Ito) dark enough for 3:1 against white.
export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#7a6200', '#56B4E9', '#000000'];

/** A line chart whose data changes in place, so a refresh does not rebuild the canvas or lose the hover. */
export function LineChart({ label, labels, series, unit }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    chart.current = new ChartJS(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, title: { display: !!unit, text: unit } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.current.destroy();
  }, [unit]);
  useEffect(() => {
    const c = chart.current;
    c.data.labels = labels;
    c.data.datasets = series.map((s, i) => ({
      label: s.name, data: s.values, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 2, tension: 0.2,
    }));
    c.update();
  }, [labels, series]);
  const summary = series.map((s) => `${s.name}: latest ${s.values.at(-1) ?? 0}`).join('; ');
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary || 'No data.'}`} />
      </div>
    </figure>
  );
}
