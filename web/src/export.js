// Export of the current view as SVG and PNG, drawn from the graph positions through sigma's
// camera/viewport transform (what is visible with the current filters and highlight), plus a
// legend below the map. The same scene feeds both writers; the PNG is drawn on a 2D canvas at
// twice the resolution.

import { QUALITY_COLORS, NO_QUALITY, DESIRED_COLOR } from "./palette.js";

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/// scene = {width, height, title, edges, nodes, labels, legend}
export function buildScene(renderer, graph, view) {
  const { width, height } = renderer.getDimensions();
  const edges = [];
  const nodes = [];
  const labels = [];
  const pos = new Map();
  graph.forEachNode((id, a) => {
    const st = renderer.getNodeState(id);
    if (st.isHidden) return;
    const p = renderer.graphToViewport({ x: a.x, y: a.y });
    const dd = renderer.getNodeDisplayData(id);
    const r = Math.max(1.5, renderer.scaleSize(dd ? dd.size : a.size));
    pos.set(id, { x: p.x, y: p.y, r });
    nodes.push({ id, x: p.x, y: p.y, r, color: view.nodeColor(id, a) });
  });
  graph.forEachEdge((e, a, s, t) => {
    if (renderer.getEdgeState(e).isHidden) return;
    const ps = pos.get(s);
    const pt = pos.get(t);
    if (!ps || !pt) return;
    edges.push({
      x1: ps.x, y1: ps.y, x2: pt.x, y2: pt.y, r2: pt.r,
      color: view.edgeColor(e, a),
      width: Math.max(0.6, renderer.scaleSize(a.size || 1)),
      dash: !!a.dash,
      arrow: a.head === "arrow",
    });
  });
  const shown = renderer.getNodeDisplayedLabels();
  for (const id of shown) {
    const p = pos.get(id);
    if (!p) continue;
    labels.push({ x: p.x + p.r + 3, y: p.y, text: graph.getNodeAttribute(id, "label"), size: view.labelSize });
  }
  // Keep only what lies inside the frame (plus a margin) to keep the files small.
  const inside = (x, y) => x > -50 && y > -50 && x < width + 50 && y < height + 50;
  return {
    width,
    height,
    title: view.title,
    edges: edges.filter((e) => inside(e.x1, e.y1) || inside(e.x2, e.y2)),
    nodes: nodes.filter((n) => inside(n.x, n.y)),
    labels: labels.filter((l) => inside(l.x, l.y)),
    legend: view.legend,
  };
}

/// Legend rows laid out below the map: [{kind, color, text, x, y}], total height.
function layoutLegend(scene) {
  const items = [];
  const add = (kind, color, text) => items.push({ kind, color, text });
  for (const s of scene.legend.sectors) add("dot", s.color, s.label);
  for (let q = 5; q >= 1; q--) add("line", QUALITY_COLORS[q], scene.legend.quality[q]);
  add("line", NO_QUALITY, scene.legend.noQuality);
  add("dash", DESIRED_COLOR, scene.legend.desired);
  add("thick", "#555555", scene.legend.reciprocated);
  add("arrow", "#555555", scene.legend.oneSided);
  const colWidth = 240;
  const cols = Math.max(1, Math.floor((scene.width - 20) / colWidth));
  const rowH = 18;
  items.forEach((it, i) => {
    it.x = 10 + (i % cols) * colWidth;
    it.y = scene.height + 34 + Math.floor(i / cols) * rowH;
  });
  const rows = Math.ceil(items.length / cols);
  return { items, height: 34 + rows * rowH + 10 };
}

function arrowHead(e, size) {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const tipX = e.x2 - ux * e.r2;
  const tipY = e.y2 - uy * e.r2;
  const bx = tipX - ux * size;
  const by = tipY - uy * size;
  return [tipX, tipY, bx - uy * size * 0.5, by + ux * size * 0.5, bx + uy * size * 0.5, by - ux * size * 0.5];
}

const xml = (s) =>
  String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const f = (x) => (Math.round(x * 10) / 10).toString();

export function toSvg(scene) {
  const lg = layoutLegend(scene);
  const H = scene.height + lg.height;
  const out = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${H}" viewBox="0 0 ${scene.width} ${H}" font-family="${xml(FONT)}">`,
  );
  out.push(`<title>${xml(scene.title)}</title>`);
  out.push(`<rect width="${scene.width}" height="${H}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="kn-frame"><rect width="${scene.width}" height="${scene.height}"/></clipPath></defs>`);
  out.push(`<g clip-path="url(#kn-frame)">`);
  out.push(`<g id="ties" fill="none" stroke-linecap="round">`);
  for (const e of scene.edges) {
    const dash = e.dash ? ` stroke-dasharray="6 4"` : "";
    out.push(`<line x1="${f(e.x1)}" y1="${f(e.y1)}" x2="${f(e.x2)}" y2="${f(e.y2)}" stroke="${e.color}" stroke-width="${f(e.width)}"${dash}/>`);
    if (e.arrow) out.push(`<polygon points="${arrowHead(e, 4 + e.width * 2).map(f).join(" ")}" fill="${e.color}"/>`);
  }
  out.push("</g>");
  out.push(`<g id="actors" stroke="#ffffff" stroke-width="0.8">`);
  for (const n of scene.nodes) out.push(`<circle cx="${f(n.x)}" cy="${f(n.y)}" r="${f(n.r)}" fill="${n.color}"/>`);
  out.push("</g>");
  out.push(`<g id="labels" fill="#1a1a1a" dominant-baseline="central">`);
  for (const l of scene.labels)
    out.push(`<text x="${f(l.x)}" y="${f(l.y)}" font-size="${l.size}" paint-order="stroke" stroke="#ffffff" stroke-width="3">${xml(l.text)}</text>`);
  out.push("</g></g>");
  out.push(`<g id="legend" font-size="12" fill="#1a1a1a">`);
  out.push(`<line x1="0" y1="${scene.height}" x2="${scene.width}" y2="${scene.height}" stroke="#cccccc"/>`);
  out.push(`<text x="10" y="${scene.height + 18}" font-size="13" font-weight="bold">${xml(scene.title)}</text>`);
  for (const it of lg.items) {
    const y = it.y;
    if (it.kind === "dot") out.push(`<circle cx="${it.x + 8}" cy="${y}" r="5" fill="${it.color}"/>`);
    else {
      const dash = it.kind === "dash" ? ` stroke-dasharray="6 4"` : "";
      const w = it.kind === "thick" ? 3 : 1.5;
      out.push(`<line x1="${it.x}" y1="${y}" x2="${it.x + 18}" y2="${y}" stroke="${it.color}" stroke-width="${w}"${dash}/>`);
      if (it.kind === "arrow") out.push(`<polygon points="${it.x + 22},${y} ${it.x + 15},${y - 4} ${it.x + 15},${y + 4}" fill="${it.color}"/>`);
    }
    out.push(`<text x="${it.x + 28}" y="${y}" dominant-baseline="central">${xml(it.text)}</text>`);
  }
  out.push("</g></svg>");
  return out.join("\n") + "\n";
}

export function toPngBlob(scene, scale = 2) {
  const lg = layoutLegend(scene);
  const H = scene.height + lg.height;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(scene.width * scale);
  canvas.height = Math.round(H * scale);
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, scene.width, H);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, scene.width, scene.height);
  ctx.clip();
  ctx.lineCap = "round";
  for (const e of scene.edges) {
    ctx.strokeStyle = e.color;
    ctx.lineWidth = e.width;
    ctx.setLineDash(e.dash ? [6, 4] : []);
    ctx.beginPath();
    ctx.moveTo(e.x1, e.y1);
    ctx.lineTo(e.x2, e.y2);
    ctx.stroke();
    if (e.arrow) {
      const p = arrowHead(e, 4 + e.width * 2);
      ctx.fillStyle = e.color;
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      ctx.lineTo(p[2], p[3]);
      ctx.lineTo(p[4], p[5]);
      ctx.fill();
    }
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 0.8;
  for (const n of scene.nodes) {
    ctx.fillStyle = n.color;
    ctx.beginPath();
    ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  for (const l of scene.labels) {
    ctx.font = `${l.size}px ${FONT}`;
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 3;
    ctx.strokeText(l.text, l.x, l.y);
    ctx.fillStyle = "#1a1a1a";
    ctx.fillText(l.text, l.x, l.y);
  }
  ctx.restore();
  ctx.strokeStyle = "#cccccc";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, scene.height + 0.5);
  ctx.lineTo(scene.width, scene.height + 0.5);
  ctx.stroke();
  ctx.fillStyle = "#1a1a1a";
  ctx.font = `bold 13px ${FONT}`;
  ctx.fillText(scene.title, 10, scene.height + 18);
  ctx.font = `12px ${FONT}`;
  for (const it of lg.items) {
    if (it.kind === "dot") {
      ctx.fillStyle = it.color;
      ctx.beginPath();
      ctx.arc(it.x + 8, it.y, 5, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.strokeStyle = it.color;
      ctx.lineWidth = it.kind === "thick" ? 3 : 1.5;
      ctx.setLineDash(it.kind === "dash" ? [6, 4] : []);
      ctx.beginPath();
      ctx.moveTo(it.x, it.y);
      ctx.lineTo(it.x + 18, it.y);
      ctx.stroke();
      ctx.setLineDash([]);
      if (it.kind === "arrow") {
        ctx.fillStyle = it.color;
        ctx.beginPath();
        ctx.moveTo(it.x + 22, it.y);
        ctx.lineTo(it.x + 15, it.y - 4);
        ctx.lineTo(it.x + 15, it.y + 4);
        ctx.fill();
      }
    }
    ctx.fillStyle = "#1a1a1a";
    ctx.fillText(it.text, it.x + 28, it.y);
  }
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
