// KlimaNetze network map (/admin/p/{slug}/map): sigma 4 (WebGL) + graphology. Reads the page's
// element contract (#kn-map data-* attributes, the #kn-map-i18n strings), fetches the map JSON
// (docs/map.md) and builds the controls, the map, the legend and the actor panel.
// See docs/map.md "Browser UI".

import Graph from "graphology";
import Sigma from "sigma";
import { extremityArrow, layerPlain } from "sigma/rendering";

import { loadStrings, t, num } from "./i18n.js";
import { qualityColor, DESIRED_COLOR, FADED_NODE, FADED_EDGE, QUALITY_COLORS, NO_QUALITY } from "./palette.js";
import { defaultState, stateFromQuery, stateToQuery } from "./state.js";
import { buildScene, toSvg, toPngBlob, download } from "./export.js";

// Edge layer that really draws dashes (desired ties): per edge attribute `dash` (0 solid, 1
// dashed); 6 px dash, 4 px gap in screen pixels at any zoom, antialiased at the dash ends.
const layerKnDash = {
  name: "kndash",
  glsl: /* glsl */ `
vec4 layer_kndash(EdgeContext ctx) {
  if (v_knDash < 0.5) return v_color;
  float px = u_correctionRatio / u_sizeRatio;
  float period = 10.0 * px;
  float pos = mod(ctx.distanceFromSource, period);
  float dash = 6.0 * px;
  float a = 1.0 - smoothstep(dash - ctx.aaWidth, dash + ctx.aaWidth, pos);
  return vec4(v_color.rgb, v_color.a * a);
}
`,
  uniforms: [],
  attributes: [{ name: "a_knDash", size: 1, type: 5126 /* FLOAT */, source: "knDash" }],
};

const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
};

function fold(s) {
  return String(s).toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");
}

class MapApp {
  constructor(root) {
    this.root = root;
    this.api = root.dataset.mapApi;
    this.layoutApi = root.dataset.layoutApi;
    this.csrf = root.dataset.csrf || "";
    this.canEdit = root.dataset.canEdit === "1";
    this.workerUrl = root.dataset.worker;
    this.lang = root.dataset.lang || document.documentElement.lang || "de";
    this.project = root.dataset.project || "map";
    this.state = stateFromQuery(location.search);
    this.data = null;
    this.graph = new Graph({ type: "directed", multi: true, allowSelfLoops: false });
    this.renderer = null;
    this.sizeMeasure = "degree";
    this.presentation = false;
    this.visibleNodes = new Set();
    this.renders = 0;
    this.worker = null;
    this.actorIndex = new Map();
  }

  // ---------------------------------------------------------------- skeleton

  build() {
    const r = this.root;
    r.classList.add("kn-map");
    r.replaceChildren();
    this.status = el("p", { class: "kn-status", role: "status", "aria-live": "polite" });
    this.skip = el("a", { class: "kn-skip", href: "#kn-map-canvas", text: t("skip_to_map") });
    this.skip.addEventListener("click", (e) => {
      e.preventDefault();
      this.canvasBox.focus();
    });
    this.controls = el("form", { class: "kn-controls", "aria-label": t("controls"), onsubmit: (e) => e.preventDefault() });
    this.canvasBox = el("div", {
      id: "kn-map-canvas",
      class: "kn-canvas",
      tabindex: "0",
      role: "application",
      "aria-label": t("canvas_label"),
      "aria-describedby": "kn-map-keys",
    });
    this.keysHelp = el("p", { id: "kn-map-keys", class: "kn-keys", text: t("keys_help") });
    this.legend = el("section", { class: "kn-legend", "aria-label": t("legend") });
    this.panel = el("aside", { class: "kn-panel", "aria-label": t("panel"), hidden: true, tabindex: "-1" });
    this.progress = el("div", { class: "kn-progress", hidden: true });
    const stage = el("div", { class: "kn-stage" }, this.canvasBox, this.legend, this.panel, this.progress);
    r.append(this.skip, el("div", { class: "kn-layout" }, this.controls, el("div", { class: "kn-main" }, this.status, stage, this.keysHelp)));
    this.bindKeys();
  }

  // ---------------------------------------------------------------- data

  async load() {
    const u = new URL(this.api, location.href);
    if (this.state.wave) u.searchParams.set("wave", this.state.wave);
    if (this.state.relation) u.searchParams.set("relation", this.state.relation);
    this.status.textContent = t("loading");
    const res = await fetch(u, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!res.ok) throw new Error(t("load_failed", res.status));
    this.data = await res.json();
    this.state.wave = this.data.wave || this.state.wave;
    this.state.relation = this.data.relation || this.state.relation;
    if (!this.data.measures.some((m) => m.key === this.sizeMeasure) && this.data.measures.length)
      this.sizeMeasure = this.data.measures[0].key;
    this.index();
    this.fillGraph();
    this.applyLook();
    this.renderControls();
    this.renderLegend();
    this.applyFilters();
    if (this.state.actor && this.actorIndex.has(this.state.actor)) this.select(this.state.actor, { center: true, keepEgo: true });
    else this.closePanel(false);
  }

  index() {
    const d = this.data;
    this.actorIndex = new Map(d.actors.map((a) => [a.id, a]));
    this.sectorIndex = new Map(d.sectors.map((s) => [s.key, s]));
    this.fieldLabel = new Map(d.fields.map((f) => [f.key, f.label]));
    this.barrierLabel = new Map(d.barriers.map((b) => [b.key, b.label]));
    this.enablerLabel = new Map((d.enablers || []).map((b) => [b.key, b.label]));
    this.measureLabel = new Map(d.measures.map((m) => [m.key, m.label]));
    this.tiesOf = new Map(d.actors.map((a) => [a.id, []]));
    for (const tie of d.ties) {
      if (!this.tiesOf.has(tie.source) || !this.tiesOf.has(tie.target)) continue;
      this.tiesOf.get(tie.source).push(tie);
      this.tiesOf.get(tie.target).push(tie);
    }
    if (this.state.sectors === null) this.state.sectors = new Set(d.sectors.map((s) => s.key));
  }

  nodeSize(a) {
    const v = Number(a.measures?.[this.sizeMeasure]) || 0;
    const { lo, hi } = this.sizeRange;
    const f = hi > lo ? Math.sqrt((v - lo) / (hi - lo)) : 0.3;
    return 3 + f * 13;
  }

  fillGraph() {
    const g = this.graph;
    g.clear();
    const vals = this.data.actors.map((a) => Number(a.measures?.[this.sizeMeasure]) || 0);
    this.sizeRange = { lo: Math.min(...vals, 0), hi: Math.max(...vals, 0) };
    for (const a of this.data.actors) {
      g.addNode(a.id, {
        x: a.x,
        y: a.y,
        label: a.label,
        color: this.sectorIndex.get(a.sector)?.color || "#777777",
        size: this.nodeSize(a),
      });
    }
    // One drawn edge per reciprocated pair (thicker, no arrow, coloured by the mean of both
    // ratings); one-sided ties with an arrow; desired ties dashed.
    const pairs = new Map();
    for (const tie of this.data.ties) {
      if (!g.hasNode(tie.source) || !g.hasNode(tie.target) || tie.source === tie.target) continue;
      if (tie.desired) {
        g.addEdgeWithKey(`d:${tie.source}>${tie.target}`, tie.source, tie.target, {
          ties: [tie], desired: true, reciprocated: false, quality: null,
          color: DESIRED_COLOR, size: 1, knDash: 1, head: "arrow",
        });
        continue;
      }
      if (tie.reciprocated) {
        const k = tie.source < tie.target ? `${tie.source}|${tie.target}` : `${tie.target}|${tie.source}`;
        const prev = pairs.get(k);
        if (prev) {
          prev.ties.push(tie);
          continue;
        }
        pairs.set(k, { key: k, ties: [tie] });
        continue;
      }
      g.addEdgeWithKey(`t:${tie.source}>${tie.target}`, tie.source, tie.target, {
        ties: [tie], desired: false, reciprocated: false, quality: tie.quality,
        color: qualityColor(tie.quality), size: 1, knDash: 0, head: "arrow",
      });
    }
    for (const p of pairs.values()) {
      const qs = p.ties.map((x) => x.quality).filter((q) => q !== null && q !== undefined);
      const q = qs.length ? qs.reduce((s, x) => s + x, 0) / qs.length : null;
      const [a, b] = p.key.split("|");
      g.addEdgeWithKey(`r:${p.key}`, a, b, {
        ties: p.ties, desired: false, reciprocated: true, quality: q,
        color: qualityColor(q), size: 2.2, knDash: 0, head: "none",
      });
    }
  }

  // ---------------------------------------------------------------- sigma

  startRenderer() {
    if (this.renderer) return;
    // Styles only bind attributes and item states (no functions): a function style depends on
    // the graph state, and sigma then re-evaluates every item when panning or zooming starts.
    this.renderer = new Sigma(this.graph, this.canvasBox, {
      customNodeState: { faded: false },
      customEdgeState: { faded: false },
      primitives: {
        edges: {
          extremities: [extremityArrow({ lengthRatio: 4, widthRatio: 3 })],
          layers: [layerKnDash],
          variables: { knDash: { type: "number", default: 0 } },
        },
      },
      styles: {
        nodes: {
          x: { attribute: "x" },
          y: { attribute: "y" },
          size: { attribute: "size", defaultValue: 5 },
          color: { whenState: "faded", then: FADED_NODE, else: { attribute: "color", defaultValue: "#777777" } },
          label: { attribute: "label" },
          labelSize: { attribute: "labelSize", defaultValue: 12 },
          labelColor: { attribute: "labelColor", defaultValue: "#222222" },
          visibility: { whenState: "isHidden", then: "hidden", else: "visible" },
          labelVisibility: { whenState: "isHovered", then: "visible", else: "auto" },
          backdropVisibility: { whenState: "isHovered", then: "visible", else: "hidden" },
          backdropColor: "#ffffff",
          backdropShadowColor: "rgba(0, 0, 0, 0.4)",
          backdropShadowBlur: 8,
          backdropPadding: 4,
          depth: { whenState: "isHighlighted", then: "topNodes", else: "nodes" },
        },
        edges: {
          size: { attribute: "drawSize", defaultValue: 1 },
          color: { whenState: "faded", then: FADED_EDGE, else: { attribute: "color", defaultValue: "#cccccc" } },
          opacity: { attribute: "opacity", defaultValue: 0.7 },
          head: { attribute: "head", defaultValue: "none" },
          knDash: { attribute: "knDash", defaultValue: 0 },
          visibility: { whenState: "isHidden", then: "hidden", else: "visible" },
          depth: { whenState: "isHighlighted", then: "topEdges", else: "edges" },
        },
      },
      settings: {
        hideEdgesOnMove: this.graph.size > 8000,
        labelDensity: 0.6,
        labelGridCellSize: 90,
        labelRenderedSizeThreshold: 7,
        stagePadding: 24,
        itemSizesReference: "screen",
        minCameraRatio: 0.02,
        maxCameraRatio: 4,
        gestureTarget: "graph",
      },
    });
    // The constructor processes the graph and renders the first frame synchronously.
    this.firstRenderAt = performance.now();
    this.highlight = null;
    this.renderer.on("afterRender", () => {
      this.renders++;
      this.root.dispatchEvent(new CustomEvent("kn-map-render"));
    });
    this.renderer.on("clickNode", ({ node }) => this.select(node, { center: false }));
    this.renderer.on("clickStage", () => this.closePanel());
    this.renderer.getCamera().on("updated", () => this.syncUrlSoon());
  }

  // ---------------------------------------------------------------- filters

  egoSet() {
    if (!this.state.ego || !this.state.actor || !this.graph.hasNode(this.state.actor)) return null;
    const set = new Set([this.state.actor]);
    let frontier = [this.state.actor];
    for (let step = 0; step < this.state.ego; step++) {
      const next = [];
      for (const n of frontier)
        this.graph.forEachNeighbor(n, (m) => {
          if (!set.has(m)) set.add(m), next.push(m);
        });
      frontier = next;
    }
    return set;
  }

  edgePasses(a) {
    const s = this.state;
    if (a.desired) return s.desired;
    if (s.confirmed && !a.ties.some((x) => x.confirmed)) return false;
    if (s.barrier && !a.ties.some((x) => (x.barriers || []).includes(s.barrier))) return false;
    if (s.qmin > 1 || s.qmax < 5) {
      if (a.quality === null) return false;
      if (a.quality < s.qmin - 0.25 || a.quality > s.qmax + 0.25) return false;
    }
    return true;
  }

  applyFilters() {
    const t0 = performance.now();
    const s = this.state;
    const ego = this.egoSet();
    const show = [];
    const hide = [];
    this.graph.forEachNode((id) => {
      const a = this.actorIndex.get(id);
      const ok =
        (ego ? ego.has(id) : true) &&
        s.sectors.has(a.sector) &&
        (!s.field || (a.fields || []).includes(s.field)) &&
        (Number(a.measures?.degree) || 0) >= s.mindeg;
      (ok ? show : hide).push(id);
    });
    this.visibleNodes = new Set(show);
    const eshow = [];
    const ehide = [];
    let tieCount = 0;
    this.graph.forEachEdge((e, a, src, dst) => {
      const ok = this.visibleNodes.has(src) && this.visibleNodes.has(dst) && this.edgePasses(a);
      if (ok) eshow.push(e), (tieCount += a.desired ? 0 : a.ties.length);
      else ehide.push(e);
    });
    this.startRenderer();
    const R = this.renderer;
    if (show.length) R.setNodesState(show, { isHidden: false });
    if (hide.length) R.setNodesState(hide, { isHidden: true });
    if (eshow.length) R.setEdgesState(eshow, { isHidden: false });
    if (ehide.length) R.setEdgesState(ehide, { isHidden: true });
    this.visibleTieCount = tieCount;
    this.status.textContent = t("visible_count", show.length, this.data.actors.length, tieCount);
    this.lastFilterMs = performance.now() - t0;
    this.syncUrl();
  }

  // ---------------------------------------------------------------- selection and panel

  setHighlight(id) {
    const R = this.renderer;
    const prev = this.highlight;
    if (prev) {
      R.setNodesState(prev.nodes, { isHighlighted: false });
      R.setEdgesState(prev.edges, { isHighlighted: false });
    }
    if (!id) {
      if (prev) {
        R.setNodesState(this.graph.nodes(), { faded: false });
        R.setEdgesState(this.graph.edges(), { faded: false });
      }
      this.highlight = null;
      return;
    }
    const nodes = [id, ...this.graph.neighbors(id)];
    const edges = this.graph.edges(id);
    this.highlight = { nodes, edges };
    const hn = new Set(nodes);
    const he = new Set(edges);
    R.setNodesState(this.graph.filterNodes((n) => !hn.has(n)), { faded: true });
    R.setEdgesState(this.graph.filterEdges((e) => !he.has(e)), { faded: true });
    R.setNodesState(nodes, { isHighlighted: true, faded: false });
    R.setEdgesState(edges, { isHighlighted: true, faded: false });
  }

  select(id, { center = true, keepEgo = false } = {}) {
    if (!this.actorIndex.has(id)) return;
    if (!keepEgo && this.state.actor !== id && this.state.ego) {
      this.state.ego = 0;
    }
    this.state.actor = id;
    this.selected = id;
    this.applyFilters();
    this.setHighlight(id);
    this.renderPanel(id);
    if (center) this.centerOn(id);
    else this.revealFromPanel(id);
  }

  /// Moves the camera so that the actor sits in the middle of the part of the map that the
  /// panel leaves free (zooming in to at least `ratio` when `zoom` is set).
  centerOn(id, zoom = true) {
    const R = this.renderer;
    const dd = R.getNodeDisplayData(id);
    if (!dd) return;
    const cam = R.getCamera();
    const ratio = zoom ? Math.min(cam.ratio, 0.5) : cam.ratio;
    const { width } = R.getDimensions();
    const panelW = this.panel.hidden ? 0 : this.panel.offsetWidth + 8;
    const shiftPx = width / 2 - (width - panelW) / 2;
    const a = R.viewportToFramedGraph({ x: 0, y: 0 });
    const b = R.viewportToFramedGraph({ x: 1, y: 0 });
    const perPx = ((b.x - a.x) * ratio) / cam.ratio;
    cam.animate({ x: dd.x + shiftPx * perPx, y: dd.y, ratio }, { duration: 300 });
  }

  /// After a click: shift the view only when the actor is hidden under the panel.
  revealFromPanel(id) {
    const a = this.graph.getNodeAttributes(id);
    const p = this.renderer.graphToViewport({ x: a.x, y: a.y });
    const { width } = this.renderer.getDimensions();
    if (!this.panel.hidden && p.x > width - this.panel.offsetWidth - 16) this.centerOn(id, false);
  }

  closePanel(sync = true) {
    this.panel.hidden = true;
    this.panel.replaceChildren();
    if (this.state.ego) {
      this.state.ego = 0;
    }
    this.state.actor = "";
    this.selected = null;
    if (this.renderer) {
      if (sync) this.applyFilters();
      this.setHighlight(null);
    }
    if (sync) this.syncUrl();
  }

  renderPanel(id) {
    const a = this.actorIndex.get(id);
    const p = this.panel;
    p.replaceChildren();
    const sector = this.sectorIndex.get(a.sector);
    const closeBtn = el("button", { type: "button", class: "kn-close", "aria-label": t("close"), text: "×", onclick: () => this.closePanel() });
    const n = this.data.actors.length;
    const measures = el(
      "table",
      { class: "kn-measures" },
      el("caption", { text: t("measures") }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("measure") }), el("th", { scope: "col", text: t("value") }), el("th", { scope: "col", text: t("rank_col") }))),
      el(
        "tbody",
        {},
        this.data.measures.map((m) =>
          el(
            "tr",
            {},
            el("th", { scope: "row", text: m.label }),
            el("td", { class: "num", text: num(a.measures?.[m.key], this.lang) }),
            el("td", { class: "num", text: a.ranks?.[m.key] ? t("rank", a.ranks[m.key], n) : "–" }),
          ),
        ),
      ),
    );
    const ties = (this.tiesOf.get(id) || []).filter((x) => !x.desired && x.source === id || (!x.desired && x.target === id && !x.reciprocated));
    const desired = (this.tiesOf.get(id) || []).filter((x) => x.desired);
    const q = (v) => (v === null || v === undefined ? t("quality_none") : t("quality_value", v, t(`quality_${v}`)));
    const tieItem = (x) => {
      const out = x.source === id;
      const other = this.actorIndex.get(out ? x.target : x.source);
      const mine = out ? x.quality : x.reverse_quality;
      const theirs = out ? x.reverse_quality : x.quality;
      const dir = x.reciprocated ? t("tie_mutual") : out ? t("tie_outgoing") : t("tie_incoming");
      const gap = mine !== null && mine !== undefined && theirs !== null && theirs !== undefined && Math.abs(mine - theirs) >= 2;
      const barriers = (x.barriers || []).map((b) => this.barrierLabel.get(b) || b);
      return el(
        "li",
        { class: gap ? "kn-gap" : "" },
        el("button", { type: "button", class: "kn-link", text: other?.label || "?", onclick: () => this.select(other.id) }),
        el("span", { class: "kn-dir", text: ` (${dir})` }),
        el(
          "dl",
          {},
          el("dt", { text: t("quality_own") }),
          el("dd", {}, el("span", { class: `kn-swatch q${mine ?? "n"}`, "aria-hidden": "true" }), q(mine)),
          el("dt", { text: t("quality_other") }),
          el("dd", {}, el("span", { class: `kn-swatch q${theirs ?? "n"}`, "aria-hidden": "true" }), q(theirs)),
          gap ? el("dd", { class: "kn-gap-note", text: t("perception_gap") }) : null,
          barriers.length ? [el("dt", { text: t("barriers") }), el("dd", { text: barriers.join(", ") })] : null,
        ),
      );
    };
    ties.sort((x, y) => (this.actorIndex.get(x.source === id ? x.target : x.source)?.label || "").localeCompare(this.actorIndex.get(y.source === id ? y.target : y.source)?.label || "", this.lang));
    const egoButtons = el(
      "div",
      { class: "kn-ego" },
      el("button", { type: "button", text: t("ego_1"), "aria-pressed": String(this.state.ego === 1), onclick: () => this.setEgo(1) }),
      el("button", { type: "button", text: t("ego_2"), "aria-pressed": String(this.state.ego === 2), onclick: () => this.setEgo(2) }),
      this.state.ego ? el("button", { type: "button", class: "kn-back", text: t("ego_back"), onclick: () => this.setEgo(0) }) : null,
    );
    p.append(
      closeBtn,
      el("h2", { text: a.label }),
      el(
        "dl",
        { class: "kn-facts" },
        el("dt", { text: t("sector") }),
        el("dd", {}, el("span", { class: "kn-dot", "data-color": sector?.color || "" }), sector?.label || a.sector),
        el("dt", { text: t("fields") }),
        el("dd", { text: (a.fields || []).map((f) => this.fieldLabel.get(f) || f).join(", ") || "–" }),
        // Only a survey wave knows who answered (an imported network has no invitations).
        this.data?.survey ? [el("dt", { text: t("responded") }), el("dd", { text: a.responded ? t("responded_yes") : t("responded_no") })] : null,
        a.broker_role ? [el("dt", { text: t("broker_role") }), el("dd", { text: t(`broker_${a.broker_role}`) })] : null,
      ),
      egoButtons,
      measures,
      el("h3", { text: t("ties_heading", ties.length) }),
      ties.length ? el("ul", { class: "kn-ties" }, ties.map(tieItem)) : el("p", { text: t("no_ties") }),
      desired.length
        ? [
            el("h3", { text: t("desired_heading", desired.length) }),
            el("ul", { class: "kn-ties" }, desired.map((x) => {
              const other = this.actorIndex.get(x.source === id ? x.target : x.source);
              return el("li", {}, el("button", { type: "button", class: "kn-link", text: other?.label || "?", onclick: () => this.select(other.id) }));
            })),
          ]
        : null,
    );
    for (const d of p.querySelectorAll(".kn-dot[data-color]")) d.style.backgroundColor = d.dataset.color;
    p.hidden = false;
  }

  setEgo(steps) {
    this.state.ego = steps;
    this.applyFilters();
    this.setHighlight(this.state.actor);
    this.renderPanel(this.state.actor);
    const first = this.panel.querySelector(".kn-ego button[aria-pressed='true'], .kn-ego button");
    (steps ? this.panel.querySelector(".kn-back") : first)?.focus();
    this.renderer.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 300 });
  }

  // ---------------------------------------------------------------- controls

  renderControls() {
    const d = this.data;
    const s = this.state;
    const f = this.controls;
    f.replaceChildren();
    const field = (label, control, cls = "") => el("div", { class: `kn-field ${cls}` }, el("label", { for: control.id, text: label }), control);
    const select = (id, options, value, onchange) => {
      const sel = el("select", { id, onchange });
      for (const [v, label] of options) sel.append(el("option", { value: v, text: label, selected: v === value }));
      return sel;
    };

    // Search with suggestions (ARIA combobox).
    const search = el("input", {
      id: "kn-search", type: "search", autocomplete: "off", role: "combobox",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "kn-search-list",
      placeholder: t("search_placeholder"),
    });
    const list = el("ul", { id: "kn-search-list", role: "listbox", class: "kn-suggest", hidden: true, "aria-label": t("search_results") });
    this.bindSearch(search, list);
    f.append(el("div", { class: "kn-field kn-search" }, el("label", { for: "kn-search", text: t("search") }), search, list));

    const data = el("fieldset", {}, el("legend", { text: t("data") }));
    data.append(
      field(t("relation"), select("kn-relation", d.relations.map((r) => [r.key, r.label]), s.relation, (e) => this.refetch({ relation: e.target.value }))),
      field(t("wave"), select("kn-wave", d.waves.map((w) => [w, w]), s.wave, (e) => this.refetch({ wave: e.target.value }))),
      field(t("size_by"), select("kn-size", d.measures.map((m) => [m.key, m.label]), this.sizeMeasure, (e) => this.setSizeMeasure(e.target.value))),
    );
    f.append(data);

    const sectors = el("fieldset", { class: "kn-sectors" }, el("legend", { text: t("sectors") }));
    for (const sec of d.sectors) {
      const id = `kn-sector-${sec.key}`;
      const box = el("input", { type: "checkbox", id, value: sec.key, checked: s.sectors.has(sec.key), onchange: (e) => {
        if (e.target.checked) s.sectors.add(sec.key);
        else s.sectors.delete(sec.key);
        this.applyFilters();
      } });
      const dot = el("span", { class: "kn-dot", "aria-hidden": "true" });
      dot.style.backgroundColor = sec.color;
      sectors.append(el("div", { class: "kn-check" }, box, el("label", { for: id }, dot, `${sec.label} (${sec.actors})`)));
    }
    sectors.append(
      el("div", { class: "kn-row" },
        el("button", { type: "button", class: "kn-small", text: t("all"), onclick: () => this.setAllSectors(true) }),
        el("button", { type: "button", class: "kn-small", text: t("none"), onclick: () => this.setAllSectors(false) })),
    );
    f.append(sectors);

    const ties = el("fieldset", {}, el("legend", { text: t("filters") }));
    ties.append(
      field(t("field"), select("kn-field", [["", t("any")], ...d.fields.map((x) => [x.key, x.label])], s.field, (e) => ((s.field = e.target.value), this.applyFilters()))),
      field(t("barrier"), select("kn-barrier", [["", t("any")], ...d.barriers.map((x) => [x.key, x.label])], s.barrier, (e) => ((s.barrier = e.target.value), this.applyFilters()))),
    );
    const qopts = [1, 2, 3, 4, 5].map((q) => [String(q), t("quality_value", q, t(`quality_${q}`))]);
    const qmin = select("kn-qmin", qopts, String(s.qmin), (e) => {
      s.qmin = Number(e.target.value);
      if (s.qmin > s.qmax) (s.qmax = s.qmin), (qmax.value = String(s.qmax));
      this.applyFilters();
    });
    const qmax = select("kn-qmax", qopts, String(s.qmax), (e) => {
      s.qmax = Number(e.target.value);
      if (s.qmax < s.qmin) (s.qmin = s.qmax), (qmin.value = String(s.qmin));
      this.applyFilters();
    });
    ties.append(field(t("quality_min"), qmin), field(t("quality_max"), qmax));
    const mindeg = el("input", { id: "kn-mindeg", type: "number", min: "0", step: "1", value: String(s.mindeg), inputmode: "numeric" });
    mindeg.addEventListener("input", () => {
      s.mindeg = Math.max(0, Number.parseInt(mindeg.value, 10) || 0);
      this.applyFilters();
    });
    ties.append(field(t("min_degree"), mindeg));
    const check = (id, label, value, onchange) =>
      el("div", { class: "kn-check" }, el("input", { type: "checkbox", id, checked: value, onchange }), el("label", { for: id, text: label }));
    ties.append(
      check("kn-confirmed", t("confirmed_only"), s.confirmed, (e) => ((s.confirmed = e.target.checked), this.applyFilters())),
      check("kn-desired", t("show_desired"), s.desired, (e) => ((s.desired = e.target.checked), this.applyFilters())),
    );
    ties.append(el("button", { type: "button", class: "kn-small", text: t("reset_filters"), onclick: () => this.resetFilters() }));
    f.append(ties);

    const view = el("fieldset", {}, el("legend", { text: t("view") }));
    view.append(
      check("kn-presentation", t("presentation"), this.presentation, (e) => this.setPresentation(e.target.checked)),
      el("div", { class: "kn-row" },
        el("button", { type: "button", text: t("zoom_in"), "aria-label": t("zoom_in"), onclick: () => this.renderer.getCamera().zoomIn({ duration: 200 }) }),
        el("button", { type: "button", text: t("zoom_out"), "aria-label": t("zoom_out"), onclick: () => this.renderer.getCamera().zoomOut({ duration: 200 }) }),
        el("button", { type: "button", text: t("zoom_reset"), onclick: () => this.renderer.getCamera().reset({ duration: 200 }) })),
      el("div", { class: "kn-row" },
        el("button", { type: "button", id: "kn-export-png", text: t("export_png"), onclick: () => this.exportImage("png") }),
        el("button", { type: "button", id: "kn-export-svg", text: t("export_svg"), onclick: () => this.exportImage("svg") })),
    );
    f.append(view);

    const layout = el("fieldset", { class: "kn-layout-tools" }, el("legend", { text: t("layout") }));
    this.refineBtn = el("button", { type: "button", id: "kn-refine", text: t("refine"), onclick: () => this.refine() });
    layout.append(el("p", { class: "kn-hint", text: t("layout_info", d.layout?.seed ?? "–", d.layout?.source ? t(`layout_source_${d.layout.source}`) : "–") }), this.refineBtn);
    if (this.canEdit) {
      const seed = el("input", { id: "kn-seed", type: "number", min: "0", step: "1", value: String((d.layout?.seed ?? 0) + 1), inputmode: "numeric" });
      this.saveBtn = el("button", { type: "button", id: "kn-save-layout", text: t("save_layout"), disabled: true, onclick: () => this.saveLayout() });
      layout.append(
        this.saveBtn,
        field(t("seed"), seed),
        el("button", { type: "button", id: "kn-new-layout", text: t("new_layout"), onclick: () => this.newLayout(Number(seed.value) || 0) }),
      );
    }
    f.append(layout);
  }

  setAllSectors(on) {
    this.state.sectors = new Set(on ? this.data.sectors.map((s) => s.key) : []);
    for (const b of this.controls.querySelectorAll(".kn-sectors input[type=checkbox]")) b.checked = on;
    this.applyFilters();
  }

  resetFilters() {
    const keep = { wave: this.state.wave, relation: this.state.relation, actor: this.state.actor };
    this.state = { ...defaultState(), ...keep, sectors: new Set(this.data.sectors.map((s) => s.key)) };
    this.renderControls();
    this.applyFilters();
    if (this.state.actor) this.renderPanel(this.state.actor);
    this.controls.querySelector("fieldset:nth-of-type(3) button.kn-small")?.focus();
  }

  setSizeMeasure(key) {
    this.sizeMeasure = key;
    const vals = this.data.actors.map((a) => Number(a.measures?.[key]) || 0);
    this.sizeRange = { lo: Math.min(...vals, 0), hi: Math.max(...vals, 0) };
    this.graph.updateEachNodeAttributes((id, attrs) => ({ ...attrs, size: this.nodeSize(this.actorIndex.get(id)) }), { attributes: ["size"] });
    this.renderLegend();
  }

  setPresentation(on) {
    this.presentation = on;
    this.root.classList.toggle("kn-presentation", on);
    this.applyLook();
    this.renderer.setSetting("labelRenderedSizeThreshold", on ? 10 : 7);
    this.renderer.setSetting("labelDensity", on ? 0.35 : 0.6);
  }

  /// Label size/colour and tie width/opacity of the normal or the presentation look.
  applyLook() {
    const on = this.presentation;
    this.graph.updateEachNodeAttributes((id, a) => ({ ...a, labelSize: on ? 20 : 12, labelColor: on ? "#000000" : "#222222" }), {
      attributes: ["labelSize", "labelColor"],
    });
    this.graph.updateEachEdgeAttributes((e, a) => ({ ...a, drawSize: (a.size || 1) * (on ? 1.6 : 1), opacity: on ? 0.95 : 0.7 }), {
      attributes: ["drawSize", "opacity"],
    });
  }

  async refetch(change) {
    Object.assign(this.state, change);
    this.stopWorker();
    try {
      await this.load();
      this.renderer.refresh();
      this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    } catch (e) {
      this.status.textContent = e.message;
    }
  }

  // ---------------------------------------------------------------- search

  bindSearch(input, list) {
    let items = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const mark = () => {
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
      if (active >= 0) input.setAttribute("aria-activedescendant", list.children[active].id);
      else input.removeAttribute("aria-activedescendant");
      list.children[active]?.scrollIntoView({ block: "nearest" });
    };
    const choose = (i) => {
      const a = items[i];
      if (!a) return;
      input.value = a.label;
      close();
      if (!this.visibleNodes.has(a.id)) {
        // Make the chosen actor visible: its sector back on, the other node filters cleared.
        this.state.sectors.add(a.sector);
        Object.assign(this.state, { field: "", mindeg: 0, ego: 0 });
        this.renderControls();
      }
      this.select(a.id, { center: true });
      this.canvasBox.focus({ preventScroll: true });
    };
    input.addEventListener("input", () => {
      const q = fold(input.value.trim());
      list.replaceChildren();
      if (!q) return close();
      items = this.data.actors.filter((a) => fold(a.label).includes(q)).sort((x, y) => {
        const dx = fold(x.label).startsWith(q) ? 0 : 1;
        const dy = fold(y.label).startsWith(q) ? 0 : 1;
        return dx - dy || x.label.localeCompare(y.label, this.lang);
      }).slice(0, 12);
      items.forEach((a, i) => {
        const li = el("li", { id: `kn-sugg-${i}`, role: "option", "aria-selected": "false" }, a.label, el("span", { class: "kn-sugg-sector", text: ` · ${this.sectorIndex.get(a.sector)?.label || ""}` }));
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          choose(i);
        });
        list.append(li);
      });
      if (!items.length) list.append(el("li", { class: "kn-none", role: "option", "aria-disabled": "true", text: t("search_none") }));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = items.length ? 0 : -1;
      mark();
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && items.length) {
        e.preventDefault();
        if (list.hidden) input.dispatchEvent(new Event("input"));
        active = (active + 1) % items.length;
        mark();
      } else if (e.key === "ArrowUp" && items.length) {
        e.preventDefault();
        active = (active - 1 + items.length) % items.length;
        mark();
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (!list.hidden && active >= 0) choose(active);
      } else if (e.key === "Escape" && !list.hidden) {
        e.stopPropagation();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  // ---------------------------------------------------------------- keyboard

  bindKeys() {
    this.canvasBox.addEventListener("keydown", (e) => {
      if (!this.renderer) return;
      const cam = this.renderer.getCamera();
      const step = 0.1 * cam.ratio;
      const keys = {
        "+": () => cam.zoomIn({ duration: 150 }),
        "=": () => cam.zoomIn({ duration: 150 }),
        "-": () => cam.zoomOut({ duration: 150 }),
        _: () => cam.zoomOut({ duration: 150 }),
        0: () => cam.reset({ duration: 150 }),
        ArrowLeft: () => cam.setState({ x: cam.x - step }),
        ArrowRight: () => cam.setState({ x: cam.x + step }),
        ArrowUp: () => cam.setState({ y: cam.y + step }),
        ArrowDown: () => cam.setState({ y: cam.y - step }),
      };
      const fn = keys[e.key];
      if (fn && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        fn();
      }
    });
    // On the document, not the map: the panel may be open (e.g. from a dashboard link, ?actor=)
    // while the focus is still on the page.
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !this.panel.hidden && !e.defaultPrevented) {
        e.preventDefault();
        this.closePanel();
        this.canvasBox.focus({ preventScroll: true });
      }
    });
  }

  // ---------------------------------------------------------------- legend

  renderLegend() {
    const d = this.data;
    const L = this.legend;
    L.replaceChildren();
    // Open by default where there is room; on a small screen it starts folded (one click).
    const roomy = window.innerWidth >= 1100 && window.innerHeight >= 700;
    const wasOpen = L.querySelector("details")?.open;
    const details = el("details", { open: wasOpen ?? roomy }, el("summary", { text: t("legend") }));
    const ul = (items) => el("ul", {}, items);
    const sw = (cls, color) => {
      const s = el("span", { class: cls, "aria-hidden": "true" });
      if (color) s.dataset.color = color;
      return s;
    };
    details.append(
      el("h3", { text: t("legend_sectors") }),
      ul(d.sectors.map((s) => el("li", { class: "kn-legend-sector" }, sw("kn-dot", s.color), s.label))),
      el("h3", { text: t("legend_quality") }),
      ul([5, 4, 3, 2, 1].map((q) => el("li", {}, sw("kn-line", QUALITY_COLORS[q]), t("quality_value", q, t(`quality_${q}`)))).concat([el("li", {}, sw("kn-line", NO_QUALITY), t("quality_none"))])),
      el("h3", { text: t("legend_ties") }),
      ul([
        el("li", {}, sw("kn-line kn-thick", "#555555"), t("legend_reciprocated")),
        el("li", {}, sw("kn-line kn-arrow", "#555555"), t("legend_one_sided")),
        el("li", {}, sw("kn-line kn-dashed", DESIRED_COLOR), t("legend_desired")),
      ]),
      el("p", { class: "kn-hint", text: t("legend_size", this.measureLabel.get(this.sizeMeasure) || this.sizeMeasure) }),
    );
    for (const s of details.querySelectorAll("[data-color]")) s.style.setProperty("--kn-color", s.dataset.color);
    L.append(details);
  }

  // ---------------------------------------------------------------- URL

  syncUrlSoon() {
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.syncUrl(), 300);
  }

  syncUrl() {
    if (!this.data) return;
    const q = stateToQuery(this.state, location.search, this.data.sectors.map((s) => s.key));
    const url = `${location.pathname}${q}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
    // The page header's language switch returns to this view, filters included.
    const lang = document.querySelector("header a.lang[href^='/lang?']");
    if (lang) {
      const href = new URL(lang.getAttribute("href"), location.origin);
      href.searchParams.set("back", `${location.pathname}${q}`);
      lang.setAttribute("href", `${href.pathname}${href.search}`);
    }
  }

  // ---------------------------------------------------------------- layout

  refine() {
    if (this.worker) return this.stopWorker();
    const nodes = this.graph.nodes();
    const pos = new Map(nodes.map((n, i) => [n, i]));
    const x = new Float64Array(nodes.length);
    const y = new Float64Array(nodes.length);
    nodes.forEach((n, i) => {
      x[i] = this.graph.getNodeAttribute(n, "x");
      y[i] = this.graph.getNodeAttribute(n, "y");
    });
    const edges = [];
    this.graph.forEachEdge((e, a, s, d) => {
      if (!a.desired) edges.push([pos.get(s), pos.get(d)]);
    });
    const worker = new Worker(this.workerUrl);
    this.worker = worker;
    const bar = el("progress", { max: "100", value: "0", "aria-label": t("refine_progress") });
    const cancel = el("button", { type: "button", text: t("cancel"), onclick: () => this.stopWorker() });
    this.progress.replaceChildren(el("span", { text: t("refining") }), bar, cancel);
    this.progress.hidden = false;
    this.refineBtn.textContent = t("cancel");
    const apply = (m) => {
      nodes.forEach((n, i) => {
        this.graph.mergeNodeAttributes(n, { x: m.x[i], y: m.y[i] });
      });
    };
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "progress") {
        bar.value = Math.round((100 * m.done) / m.total);
        apply(m);
      } else if (m.type === "done") {
        apply(m);
        this.stopWorker(true);
        if (this.saveBtn) this.saveBtn.disabled = false;
        this.status.textContent = t("refine_done");
      } else if (m.type === "cancelled" || m.type === "error") {
        this.stopWorker(true);
        if (m.type === "error") this.status.textContent = t("refine_failed");
      }
    };
    worker.postMessage({ type: "start", nodes, x, y, edges, iterations: 300, settings: { barnesHutOptimize: nodes.length > 1000 } }, [x.buffer, y.buffer]);
    cancel.focus();
  }

  stopWorker(finished = false) {
    if (!this.worker) return;
    if (!finished) this.worker.postMessage({ type: "cancel" });
    const w = this.worker;
    this.worker = null;
    setTimeout(() => w.terminate(), finished ? 0 : 200);
    this.progress.hidden = true;
    this.progress.replaceChildren();
    if (this.refineBtn) {
      this.refineBtn.textContent = t("refine");
      if (!finished) this.refineBtn.focus();
    }
    if (!finished && this.saveBtn) this.saveBtn.disabled = false;
  }

  async postLayout(body) {
    const res = await fetch(this.layoutApi, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": this.csrf, Accept: "application/json" },
      body: JSON.stringify({ wave: this.state.wave, relation: this.state.relation, ...body }),
    });
    if (!res.ok) throw new Error(t("layout_failed", res.status));
    return res.json();
  }

  async saveLayout() {
    const positions = {};
    this.graph.forEachNode((id, a) => (positions[id] = [a.x, a.y]));
    try {
      await this.postLayout({ positions });
      this.status.textContent = t("layout_saved");
      await this.refetch({});
      this.status.textContent = t("layout_saved");
    } catch (e) {
      this.status.textContent = e.message;
    }
  }

  async newLayout(seed) {
    this.status.textContent = t("layout_computing");
    try {
      await this.postLayout({ seed });
      await this.refetch({});
      this.status.textContent = t("layout_new_done", seed);
    } catch (e) {
      this.status.textContent = e.message;
    }
  }

  // ---------------------------------------------------------------- export

  async exportImage(kind) {
    const rel = this.state.relation || "map";
    const sectorsLegend = this.data.sectors.filter((s) => this.state.sectors.has(s.key));
    const quality = {};
    for (let q = 1; q <= 5; q++) quality[q] = t("quality_value", q, t(`quality_${q}`));
    const relLabel = this.data.relations.find((r) => r.key === rel)?.label || rel;
    const view = {
      title: t("export_title", this.data.project?.name || this.project, relLabel, this.state.wave),
      labelSize: this.presentation ? 18 : 12,
      nodeColor: (id, a) => (this.highlight && !this.highlight.nodes.includes(id) ? FADED_NODE : a.color),
      edgeColor: (e, a) => (this.highlight && !this.highlight.edges.includes(e) ? FADED_EDGE : a.color),
      legend: {
        sectors: sectorsLegend,
        quality,
        noQuality: t("quality_none"),
        desired: t("legend_desired"),
        reciprocated: t("legend_reciprocated"),
        oneSided: t("legend_one_sided"),
      },
    };
    if (this.highlight) {
      const hn = new Set(this.highlight.nodes);
      const he = new Set(this.highlight.edges);
      view.nodeColor = (id, a) => (hn.has(id) ? a.color : FADED_NODE);
      view.edgeColor = (e, a) => (he.has(e) ? a.color : FADED_EDGE);
    }
    const scene = buildScene(this.renderer, this.graph, view);
    const safe = (s) => String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").replace(/[^A-Za-z0-9_-]+/g, "-");
    const name = `klimanetze-${safe(this.project)}-${safe(rel)}.${kind}`;
    if (kind === "svg") download(new Blob([toSvg(scene)], { type: "image/svg+xml;charset=utf-8" }), name);
    else download(await toPngBlob(scene, 2), name);
    this.status.textContent = t("exported", name);
  }
}

async function main() {
  const root = document.getElementById("kn-map");
  if (!root) return;
  loadStrings();
  const app = new MapApp(root);
  root.knMap = app; // for the browser test and the benchmark (bench/browser/map_perf.mjs)
  app.build();
  try {
    await app.load();
    root.dataset.ready = "1";
    root.dispatchEvent(new CustomEvent("kn-map-ready"));
  } catch (e) {
    app.status.textContent = e && e.message ? e.message : t("load_failed", "?");
    root.dataset.ready = "error";
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
