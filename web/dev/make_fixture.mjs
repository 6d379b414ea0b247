#!/usr/bin/env node
// Fixture for the map UI: the JSON of GET /api/v1/projects/{slug}/map (docs/map.md), made up
// from a seed: fictional actors (names with umlauts), seven sectors, ties with quality 1-5 (some
// without), barriers, reciprocated/confirmed flags and some desired ties.
// Usage: node web/dev/make_fixture.mjs [--actors N] [--seed S] [--ties-per-actor K] [-o FILE]
// Without -o the JSON goes to stdout. No dependencies.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SECTORS = [
  ["verwaltung", "Verwaltung", "Administration", "#1f77b4"],
  ["politik", "Politik", "Politics", "#9467bd"],
  ["kommunale_unternehmen", "Kommunale Unternehmen", "Municipal companies", "#ff7f0e"],
  ["wirtschaft", "Wirtschaft", "Business", "#8c564b"],
  ["zivilgesellschaft", "Zivilgesellschaft", "Civil society", "#2ca02c"],
  ["wissenschaft", "Wissenschaft und Bildung", "Science and education", "#17becf"],
  ["sonstige", "Sonstige", "Other", "#7f7f7f"],
];
const FIELDS = [
  ["energie", "Energie", "Energy"],
  ["mobilitaet", "Mobilität", "Mobility"],
  ["gebaeude", "Gebäude und Wärme", "Buildings and heat"],
  ["klimaanpassung", "Klimaanpassung", "Climate adaptation"],
  ["bildung", "Bildung und Beteiligung", "Education and participation"],
];
const BARRIERS = [
  ["lack_of_time", "Zeit- oder Personalmangel", "Lack of time or staff"],
  ["bureaucracy", "Bürokratie", "Bureaucracy"],
  ["different_goals", "Unterschiedliche Ziele", "Different goals"],
  ["lack_of_money", "Fehlende Finanzierung", "Lack of funding"],
];
const ENABLERS = [
  ["shared_goals", "Gemeinsame Ziele", "Shared goals"],
  ["trust", "Vertrauen", "Trust"],
];
const MEASURES = [
  ["degree", "Grad (gesamt)", "Degree (total)"],
  ["indegree", "Eingangsgrad", "In-degree"],
  ["outdegree", "Ausgangsgrad", "Out-degree"],
  ["betweenness", "Betweenness", "Betweenness"],
  ["pagerank", "PageRank", "PageRank"],
];
const NAME_A = ["Grün", "Süd", "Nord", "Ost", "West", "Müller", "Bäcker", "Schäfer", "Löwen", "Fröhlich", "Kühn", "Weiß",
  "Große", "Brücken", "Höhen", "Wäldchen", "Mühlen", "Fluss", "Sonnen", "Wind"];
const NAME_B = {
  verwaltung: ["Amt für Umwelt", "Stadtplanungsamt", "Tiefbauamt", "Klimaschutzstelle", "Bürgerbüro"],
  politik: ["Fraktion", "Ortsbeirat", "Ausschuss für Klima", "Bürgermeisterbüro"],
  kommunale_unternehmen: ["Stadtwerke", "Verkehrsbetriebe", "Wohnbau GmbH", "Abfallwirtschaft"],
  wirtschaft: ["Bäckerei", "Handwerkskammer", "Energieberatung", "Solartechnik GmbH", "Autohaus"],
  zivilgesellschaft: ["Bürgerinitiative", "Naturschutzverein", "Fahrradclub", "Repair-Café", "Kirchengemeinde"],
  wissenschaft: ["Hochschule", "Gymnasium", "Volkshochschule", "Forschungsinstitut"],
  sonstige: ["Stiftung", "Sportverein", "Genossenschaft"],
};

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export function makeFixture({ actors: n = 150, seed = 42, tiesPerActor = 5, lang = "de" } = {}) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const L = (row) => (lang === "en" ? row[2] : row[1]);
  const actors = [];
  const used = new Set();
  for (let i = 0; i < n; i++) {
    const sector = SECTORS[Math.min(SECTORS.length - 1, Math.floor(Math.pow(r(), 1.2) * SECTORS.length))];
    let label;
    do {
      label = `${pick(NAME_B[sector[0]])} ${pick(NAME_A)}${used.size > 300 ? " " + (i + 1) : ""}`;
    } while (used.has(label));
    used.add(label);
    const si = SECTORS.indexOf(sector);
    const angle = (si / SECTORS.length) * 2 * Math.PI;
    const fields = FIELDS.filter(() => r() < 0.3).map((f) => f[0]);
    if (!fields.length) fields.push(pick(FIELDS)[0]);
    actors.push({
      id: `a${String(i + 1).padStart(n >= 1000 ? 4 : 3, "0")}`,
      label,
      sector: sector[0],
      kind: "organisation",
      fields,
      responded: r() < 0.6,
      x: Math.round((Math.cos(angle) * 40 + (r() - 0.5) * 60) * 100) / 100,
      y: Math.round((Math.sin(angle) * 40 + (r() - 0.5) * 60) * 100) / 100,
      measures: {},
      ranks: {},
      broker_role: r() < 0.15 ? pick(["liaison", "gatekeeper", "representative", "coordinator", "itinerant"]) : null,
      component: 1,
    });
  }
  // Ties: mostly within the sector or to nearby actors, some popular hubs.
  const key = (a, b) => `${a}>${b}`;
  const have = new Map();
  const ties = [];
  const m = Math.round(n * tiesPerActor);
  let guard = 0;
  while (ties.length < m && guard++ < m * 20) {
    const s = Math.floor(r() * n);
    let t = r() < 0.3 ? Math.floor(Math.pow(r(), 3) * n) : (s + 1 + Math.floor(r() * Math.min(n - 1, 40))) % n;
    if (t === s) continue;
    const a = actors[s].id;
    const b = actors[t].id;
    if (have.has(key(a, b))) continue;
    const q = r() < 0.1 ? null : 1 + Math.floor(Math.pow(r(), 0.7) * 5);
    const tie = {
      source: a,
      target: b,
      relation: "zusammenarbeit",
      quality: q,
      frequency: pick(["weekly", "monthly", "yearly"]),
      kind: pick(["joint_project", "information", "funding"]),
      barriers: q !== null && q <= 3 ? BARRIERS.filter(() => r() < 0.35).map((x) => x[0]) : [],
      enablers: q !== null && q >= 4 ? ENABLERS.filter(() => r() < 0.4).map((x) => x[0]) : [],
      fields: [pick(FIELDS)[0]],
      reciprocated: false,
      confirmed: false,
      reverse_quality: null,
      desired: false,
    };
    have.set(key(a, b), tie);
    ties.push(tie);
    if (r() < 0.35 && !have.has(key(b, a))) {
      const back = { ...tie, source: b, target: a, quality: r() < 0.1 ? null : 1 + Math.floor(r() * 5), barriers: [...tie.barriers] };
      have.set(key(b, a), back);
      ties.push(back);
    }
  }
  for (const t of ties) {
    const back = have.get(key(t.target, t.source));
    if (back) {
      t.reciprocated = true;
      t.confirmed = true;
      t.reverse_quality = back.quality;
    }
  }
  // Desired ties ("wunsch"): about 4 % of the tie count, between actors without a tie.
  const desired = [];
  for (let k = 0; k < Math.max(3, Math.round(m * 0.04)); k++) {
    const a = actors[Math.floor(r() * n)].id;
    const b = actors[Math.floor(r() * n)].id;
    if (a === b || have.has(key(a, b))) continue;
    desired.push({ source: a, target: b, relation: "wunsch", quality: null, frequency: null, kind: null,
      barriers: [], enablers: [], fields: [], reciprocated: false, confirmed: false, reverse_quality: null, desired: true });
  }
  // Measures: degrees counted, the others made up (skewed), ranks 1 = highest, ties share a rank.
  const idx = new Map(actors.map((a, i) => [a.id, i]));
  const indeg = new Array(n).fill(0);
  const outdeg = new Array(n).fill(0);
  const nb = actors.map(() => new Set());
  for (const t of ties) {
    outdeg[idx.get(t.source)]++;
    indeg[idx.get(t.target)]++;
    nb[idx.get(t.source)].add(t.target);
    nb[idx.get(t.target)].add(t.source);
  }
  actors.forEach((a, i) => {
    a.measures.degree = nb[i].size;
    a.measures.indegree = indeg[i];
    a.measures.outdegree = outdeg[i];
    a.measures.betweenness = Math.round(Math.pow(r(), 4) * nb[i].size * n * 10) / 10;
    a.measures.pagerank = Math.round(((indeg[i] + 1) / (ties.length + n)) * 1e6) / 1e6;
  });
  for (const [k] of MEASURES) {
    const sorted = actors.map((a) => a.measures[k]).sort((x, y) => y - x);
    for (const a of actors) a.ranks[k] = sorted.indexOf(a.measures[k]) + 1;
  }
  return {
    project: { slug: "musterstadt", name: "Musterstadt 2026" },
    lang,
    audience: "names",
    wave: "2026",
    waves: ["2025", "2026"],
    relation: "zusammenarbeit",
    relations: [
      { key: "zusammenarbeit", label: lang === "en" ? "Collaboration" : "Zusammenarbeit" },
      { key: "information", label: lang === "en" ? "Information exchange" : "Informationsaustausch" },
      { key: "wunsch", label: lang === "en" ? "Desired collaboration" : "Gewünschte Zusammenarbeit" },
    ],
    desired_relation: "wunsch",
    layout: { seed: seed, source: "server", iterations: 600, updated_at: 1764670000 },
    sectors: SECTORS.map((s) => ({ key: s[0], label: L(s), color: s[3], actors: actors.filter((a) => a.sector === s[0]).length })),
    fields: FIELDS.map((f) => ({ key: f[0], label: L(f) })),
    barriers: BARRIERS.map((b) => ({ key: b[0], label: L(b) })),
    enablers: ENABLERS.map((e) => ({ key: e[0], label: L(e) })),
    measures: MEASURES.map((x) => ({ key: x[0], label: L(x) })),
    actors,
    ties: [...ties, ...desired],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const a = process.argv.slice(2);
  const get = (k, d) => (a.indexOf(k) >= 0 ? a[a.indexOf(k) + 1] : d);
  const data = makeFixture({ actors: Number(get("--actors", 150)), seed: Number(get("--seed", 42)),
    tiesPerActor: Number(get("--ties-per-actor", 5)), lang: get("--lang", "de") });
  const text = JSON.stringify(data);
  const out = get("-o", "");
  if (out) writeFileSync(out, text);
  else process.stdout.write(text + "\n");
}
