// The view state of the map and its URL form (shared links; the dashboard links into the map
// with these parameters): wave, relation, sector (comma list), field, barrier, qmin, qmax,
// mindeg, confirmed=1, desired=0|1, actor, ego=1|2.

export function defaultState() {
  return {
    wave: "",
    relation: "",
    sectors: null, // null = all; otherwise a Set of sector keys
    field: "",
    barrier: "",
    qmin: 1,
    qmax: 5,
    mindeg: 0,
    confirmed: false,
    desired: true,
    actor: "",
    ego: 0,
  };
}

const int = (v, lo, hi, d) => {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? Math.max(lo, Math.min(hi, n)) : d;
};

export function stateFromQuery(search) {
  const p = new URLSearchParams(search);
  const s = defaultState();
  s.wave = p.get("wave") || "";
  s.relation = p.get("relation") || "";
  if (p.has("sector")) s.sectors = new Set((p.get("sector") || "").split(",").filter(Boolean));
  s.field = p.get("field") || "";
  s.barrier = p.get("barrier") || "";
  s.qmin = int(p.get("qmin"), 1, 5, 1);
  s.qmax = int(p.get("qmax"), 1, 5, 5);
  if (s.qmin > s.qmax) [s.qmin, s.qmax] = [s.qmax, s.qmin];
  s.mindeg = int(p.get("mindeg"), 0, 100000, 0);
  s.confirmed = p.get("confirmed") === "1";
  s.desired = p.get("desired") !== "0";
  s.actor = p.get("actor") || "";
  s.ego = int(p.get("ego"), 0, 2, 0);
  return s;
}

/// The query string for `s` (parameters at their defaults are left out); other parameters of
/// `base` (e.g. the server's lang) are kept.
export function stateToQuery(s, base = "", allSectors = []) {
  const p = new URLSearchParams(base);
  const set = (k, v, dflt) => (v === dflt || v === "" || v === null ? p.delete(k) : p.set(k, String(v)));
  set("wave", s.wave, "");
  set("relation", s.relation, "");
  if (s.sectors && !(allSectors.length && allSectors.every((k) => s.sectors.has(k))))
    p.set("sector", [...s.sectors].join(","));
  else p.delete("sector");
  set("field", s.field, "");
  set("barrier", s.barrier, "");
  set("qmin", s.qmin, 1);
  set("qmax", s.qmax, 5);
  set("mindeg", s.mindeg, 0);
  set("confirmed", s.confirmed ? 1 : 0, 0);
  set("desired", s.desired ? 1 : 0, 1);
  set("actor", s.actor, "");
  set("ego", s.ego, 0);
  const q = p.toString();
  return q ? `?${q}` : "";
}
