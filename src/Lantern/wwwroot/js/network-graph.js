// Draws the network around a record from the data the page carries, with Cytoscape.js. The tables on the page hold the
// same records and links for screen readers and keyboard users; the drawing is hidden from them (aria-hidden). Without
// scripts, or if Cytoscape.js fails to load, the tables are all.
import { loadScript } from '/js/load-script.js';

const SHAPES = { Child: 'ellipse', Person: 'round-rectangle', Vehicle: 'triangle', Phone: 'diamond', Place: 'hexagon', Context: 'star' };
const COLOURS = { Child: '#1d70b8', Person: '#4c2c92', Vehicle: '#505a5f', Phone: '#00703c', Place: '#b58840', Context: '#d53880' };

export async function initNetworkGraphs() {
  const canvases = document.querySelectorAll('[data-lantern-graph]');
  if (canvases.length === 0) {
    return;
  }
  let cytoscape;
  try {
    cytoscape = await loadScript('/lib/cytoscape.min.js', 'cytoscape');
  } catch {
    return;
  }
  canvases.forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.lanternGraph);
    if (!source) {
      return;
    }
    const data = JSON.parse(source.textContent);
    canvas.parentElement.hidden = false;
    const cy = cytoscape({
      container: canvas,
      elements: [
        ...data.nodes.map((n) => ({ data: n })),
        ...data.edges.map((e) => ({ data: e })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            shape: (n) => SHAPES[n.data('kind')] || 'ellipse',
            'background-color': (n) => COLOURS[n.data('kind')] || '#0b0c0c',
            label: 'data(label)',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': 140,
            width: 22,
            height: 22,
          },
        },
        { selector: 'node[?concern]', style: { 'border-width': 4, 'border-color': '#d4351c' } },
        { selector: 'node[?centre]', style: { 'border-width': 4, 'border-color': '#0b0c0c', width: 30, height: 30 } },
        { selector: 'edge', style: { width: 1.5, 'line-color': '#b1b4b6', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, 'text-rotation': 'autorotate', color: '#505a5f' } },
      ],
      layout: { name: data.nodes.length > 150 ? 'concentric' : 'cose', animate: false, concentric: (n) => (n.data('centre') ? 10 : 1), levelWidth: () => 1 },
      wheelSensitivity: 0.2,
    });
    cy.on('tap', 'node', (event) => {
      const path = event.target.data('path');
      if (path) {
        window.location.assign(path);
      }
    });
    canvas.dataset.graphReady = String(cy.nodes().length);
  });
}
