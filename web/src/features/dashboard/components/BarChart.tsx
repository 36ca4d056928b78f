import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: number[];
}

// Distinguishable for colour-blind readers (Okabe–Ito), each at least 3:1 against white.
const COLOURS = ["#0b4f8a", "#d55e00", "#00703c", "#7a4f9a", "#8a6d00"];

/**
 * A bar chart drawn with Chart.js. The canvas is decoration for sighted readers: the figure's caption names it and
 * the table beside it (ChartFigure) carries the same numbers for everyone else.
 */
/** A long label as lines of at most `width` characters (Chart.js draws an array as lines), so a phone shows it whole. */
export function wrapLabel(label: string, width = 16): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines;
}

export function BarChart({ labels, series, horizontal = false, stacked = false }: { labels: string[]; series: Series[]; horizontal?: boolean; stacked?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: labels.map((l) => wrapLabel(l)),
        datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1, position: "bottom" } },
        scales: { x: { stacked, ticks: { precision: 0 } }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, horizontal, stacked]);
  const height = horizontal ? Math.max(12, labels.length * 2.2 + 4) : 16;
  return (
    <div className="chart" style={{ height: `${height}rem` }}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
