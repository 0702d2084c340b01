// Draws the level of concern over time from the table that holds the same figures. The table stays
// on the page for screen readers and keyboard users; the chart is hidden from them (aria-hidden),
// so nobody depends on the canvas. Without scripts, or if Chart.js fails to load, the table is all.
import { loadScript } from '/js/load-script.js';

const LEVELS = ['', 'No current concern', 'Emerging', 'Moderate', 'Significant'];

export async function initLevelCharts() {
  const tables = document.querySelectorAll('table[data-lantern-level-chart]');
  if (tables.length === 0) {
    return;
  }
  let Chart;
  try {
    Chart = await loadScript('/lib/chart.umd.min.js', 'Chart');
  } catch {
    return;
  }
  tables.forEach((table) => {
    const canvas = document.getElementById(table.dataset.lanternLevelChart);
    if (!canvas) {
      return;
    }
    const rows = [...table.querySelectorAll('tbody tr')];
    // Time on a true scale, so the gaps between screenings show how long passed between them.
    const at = (r) => Date.parse(`${r.dataset.date}T12:00:00Z`);
    const levels = rows.map((r) => ({ x: at(r), y: Number(r.dataset.level) }));
    const bands = rows.map((r) => ({ x: at(r), y: Number(r.dataset.band) }));
    const day = (ms) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    canvas.parentElement.hidden = false;
    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          { label: 'Level of concern', data: levels, stepped: true, borderColor: '#1d70b8', backgroundColor: '#1d70b8', borderWidth: 3, pointRadius: 5 },
          { label: 'Supporting band', data: bands, stepped: true, borderColor: '#505a5f', backgroundColor: '#505a5f', borderDash: [6, 4], borderWidth: 2, pointRadius: 3 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', ticks: { callback: (v) => day(v), maxTicksLimit: 6 } },
          y: { min: 1, max: 4, ticks: { stepSize: 1, callback: (v) => LEVELS[v] ?? '' } },
        },
        plugins: {
          tooltip: { callbacks: { title: (items) => day(items[0].parsed.x), label: (c) => `${c.dataset.label}: ${LEVELS[c.parsed.y]}` } },
        },
      },
    });
    canvas.dataset.chartReady = String(chart.data.datasets[0].data.length);
  });
}
