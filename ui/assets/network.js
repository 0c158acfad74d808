// A small force-directed graph in SVG: nodes repel each other, edges pull
// like springs, a weak pull keeps everything near the centre. Nodes are
// coloured by type and edges labelled; a click selects (and the page then
// expands) a node, a drag pins it. No library: about the size of one.

import { s, isRTL } from './dom.js';
import { t, currentLang } from './i18n.js';

/** The colours of node types; the legend and the CSS use the same. */
export const TYPE_COLOURS = {
  PERSON: '#1f77b4', STATE: '#2ca02c', ORGANIZATION: '#ff7f0e', GROUP: '#9467bd', PLACE: '#8c564b',
  EVENT: '#d62728', STATEMENT: '#7f7f7f', ARTICLE: '#bcbd22', TOPIC: '#17becf',
};

const MAX_LABEL = 26;

// A deterministic pseudo-random sequence, so that a layout is the same on
// every load (and in the browser test's screenshot).
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export class ForceGraph {
  /** Draws into `svg`; `onSelect(node)` is called when a node is clicked. */
  constructor(svg, { onSelect }) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.nodes = new Map(); // id → {id, type, label, labelAr, x, y, vx, vy, fixed, expanded, el}
    this.edges = new Map(); // id → {id, type, source, target, label, el}
    this.random = rng(7);
    this.alpha = 0;
    this.frame = 0;
    this.selected = null;
    this.view = null;
    this.edgeLayer = s('g', { class: 'edges' });
    this.nodeLayer = s('g', { class: 'nodes' });
    svg.replaceChildren(this.edgeLayer, this.nodeLayer);
  }

  /** Removes everything. */
  clear() {
    this.nodes.clear();
    this.edges.clear();
    this.edgeLayer.replaceChildren();
    this.nodeLayer.replaceChildren();
    this.selected = null;
    this.view = null;
  }

  /**
   * Adds the nodes and edges of a neighbourhood (the API's Graph) that are
   * not there yet; new nodes start around `near` (an id), or the centre.
   */
  merge(graph, near, { settle = 0 } = {}) {
    const origin = this.nodes.get(near) || { x: 0, y: 0 };
    for (const n of graph.nodes) {
      if (this.nodes.has(n.id)) continue;
      const a = this.random() * 2 * Math.PI;
      const r = n.distance === 0 && !near ? 0 : 40 + this.random() * 60;
      const node = { ...n, x: origin.x + r * Math.cos(a), y: origin.y + r * Math.sin(a), vx: 0, vy: 0, fixed: false, expanded: false };
      this.nodes.set(n.id, node);
      this.nodeLayer.append(this.drawNode(node));
    }
    for (const e of graph.edges) {
      if (this.edges.has(e.id) || !this.nodes.has(e.source) || !this.nodes.has(e.target)) continue;
      const edge = { ...e };
      this.edges.set(e.id, edge);
      this.edgeLayer.append(this.drawEdge(edge));
    }
    this.relabel();
    // A fresh graph is laid out mostly before it is shown; an expansion
    // moves in view, so that one sees where the new nodes come from.
    this.alpha = 1;
    for (let i = 0; i < settle; i++) this.step();
    this.reheat(settle ? this.alpha : 1);
  }

  /** Marks a node as the centre (drawn larger) or as expanded. */
  mark(id, cls) {
    const n = this.nodes.get(id);
    if (!n) return;
    if (cls === 'expanded') n.expanded = true;
    n.el.classList.add(cls);
  }

  /** Highlights the selected node. */
  select(id) {
    if (this.selected) this.nodes.get(this.selected)?.el.classList.remove('selected');
    this.selected = id;
    this.nodes.get(id)?.el.classList.add('selected');
  }

  /** Shows labels in the interface language (after a switch). */
  relabel() {
    for (const n of this.nodes.values()) setLabel(n.el.querySelector('text'), n);
    for (const e of this.edges.values()) e.el.querySelector('text').textContent = edgeLabel(e);
  }

  drawNode(node) {
    const g = s('g', {
      class: `node t-${node.type.toLowerCase()}`, tabindex: 0, role: 'button',
      dataset: { id: node.id, type: node.type },
    },
    s('title', {}, [t('type')[node.type], node.label, node.labelAr !== node.label ? node.labelAr : null, node.id].filter(Boolean).join('\n')),
    // Sizes are set in CSS, in screen pixels whatever the zoom (--k).
    s('circle', { fill: TYPE_COLOURS[node.type] || '#999' }),
    s('text', { dy: '2em', 'text-anchor': 'middle' }),
    );
    node.el = g;
    let start = null;
    let moved = false;
    g.addEventListener('pointerdown', (e) => {
      start = { x: e.clientX, y: e.clientY };
      moved = false;
      g.setPointerCapture(e.pointerId);
    });
    g.addEventListener('pointermove', (e) => {
      if (!start) return;
      if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 4) return;
      moved = true;
      const p = this.toGraph(e.clientX, e.clientY);
      node.x = p.x;
      node.y = p.y;
      node.fixed = true;
      g.classList.add('pinned');
      this.reheat(0.3);
    });
    g.addEventListener('pointerup', () => {
      if (start && !moved) this.onSelect(node);
      start = null;
    });
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.onSelect(node); }
    });
    return g;
  }

  drawEdge(edge) {
    const g = s('g', { class: `edge e-${edge.type.toLowerCase()}`, dataset: { type: edge.type } },
      s('line', {}),
      s('text', { 'text-anchor': 'middle' }),
    );
    edge.el = g;
    return g;
  }

  toGraph(cx, cy) {
    const pt = new DOMPoint(cx, cy).matrixTransform(this.svg.getScreenCTM().inverse());
    return { x: pt.x, y: pt.y };
  }

  reheat(a) {
    this.alpha = Math.max(this.alpha, a);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.tick());
  }

  /** True while the layout is still moving. */
  get running() { return this.frame !== 0; }

  tick() {
    this.frame = 0;
    this.step();
    this.render();
    if (this.alpha > 0.02) this.frame = requestAnimationFrame(() => this.tick());
    else this.alpha = 0;
  }

  /** One step of the simulation; alpha cools from 1 towards 0. */
  step() {
    const nodes = [...this.nodes.values()];
    const byId = this.nodes;
    const a = this.alpha;
    // Repulsion between every pair (a few hundred nodes at most).
    for (let i = 0; i < nodes.length; i++) {
      const p = nodes[i];
      for (let j = i + 1; j < nodes.length; j++) {
        const q = nodes[j];
        let dx = q.x - p.x;
        let dy = q.y - p.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 1) { dx = this.random() - 0.5; dy = this.random() - 0.5; d2 = 1; }
        if (d2 > 490000) continue;
        const f = (4000 * a) / d2;
        p.vx -= dx * f; p.vy -= dy * f;
        q.vx += dx * f; q.vy += dy * f;
      }
    }
    // Springs along the edges.
    for (const e of this.edges.values()) {
      const p = byId.get(e.source);
      const q = byId.get(e.target);
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - 100) / d) * 0.06 * a;
      p.vx += dx * f; p.vy += dy * f;
      q.vx -= dx * f; q.vy -= dy * f;
    }
    // Gravity, weaker sideways: the canvas is wider than it is tall.
    for (const n of nodes) {
      n.vx -= n.x * 0.008 * a;
      n.vy -= n.y * 0.02 * a;
      if (n.fixed) { n.vx = n.vy = 0; continue; }
      n.vx *= 0.6; n.vy *= 0.6;
      n.x += Math.max(-30, Math.min(30, n.vx));
      n.y += Math.max(-30, Math.min(30, n.vy));
    }
    this.alpha *= 0.97;
  }

  render() {
    for (const n of this.nodes.values()) n.el.setAttribute('transform', `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
    for (const e of this.edges.values()) {
      const p = this.nodes.get(e.source);
      const q = this.nodes.get(e.target);
      const [line, text] = e.el.children;
      line.setAttribute('x1', p.x.toFixed(1)); line.setAttribute('y1', p.y.toFixed(1));
      line.setAttribute('x2', q.x.toFixed(1)); line.setAttribute('y2', q.y.toFixed(1));
      text.setAttribute('x', ((p.x + q.x) / 2).toFixed(1));
      text.setAttribute('y', ((p.y + q.y) / 2 - 3).toFixed(1));
    }
    this.fit();
  }

  /** Eases the view box towards the bounds of the nodes. */
  fit() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of this.nodes.values()) {
      x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y);
      x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y);
    }
    if (x0 === Infinity) return;
    const pad = 70;
    const box = this.svg.getBoundingClientRect();
    const aspect = box.width && box.height ? box.width / box.height : 16 / 9;
    let w = Math.max(300, x1 - x0 + 2 * pad);
    let hgt = Math.max(200, y1 - y0 + 2 * pad);
    if (w / hgt < aspect) w = hgt * aspect; else hgt = w / aspect;
    const target = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - hgt / 2, w, h: hgt };
    const v = this.view ? lerpBox(this.view, target, 0.2) : target;
    this.view = v;
    this.svg.setAttribute('viewBox', `${v.x.toFixed(1)} ${v.y.toFixed(1)} ${v.w.toFixed(1)} ${v.h.toFixed(1)}`);
    // Graph units per screen pixel: the CSS keeps nodes and labels at a
    // readable size however far the view zooms out.
    if (box.width) this.svg.style.setProperty('--k', (v.w / box.width).toFixed(3));
  }
}

function lerpBox(a, b, k) {
  return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, w: a.w + (b.w - a.w) * k, h: a.h + (b.h - a.h) * k };
}

// Labels in the interface language, cut short, in their own direction: an
// Arabic label is set right to left so that its ellipsis ends it on the left.
function setLabel(text, n) {
  let label = (currentLang() === 'ar' ? n.labelAr : n.label) || n.label || n.id;
  label = label.replace(/…$/, '');
  if ([...label].length > MAX_LABEL) label = [...label].slice(0, MAX_LABEL - 1).join('').trimEnd();
  if (label !== (currentLang() === 'ar' ? n.labelAr : n.label)) label += '…';
  const rtl = isRTL(label);
  text.setAttribute('direction', rtl ? 'rtl' : 'ltr');
  text.setAttribute('lang', rtl ? 'ar' : 'en');
  text.textContent = label;
}

function edgeLabel(e) {
  const name = t('edge')[e.type] || e.type;
  if (e.type === 'HOLDS_ROLE' && e.label) return `${name}: ${e.label}`;
  if (e.type === 'MENTIONS' && e.label) return `${name} ×${e.label}`;
  return name;
}
