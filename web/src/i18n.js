// UI strings of the map: the map.ui.* catalogue keys the server puts into the page as JSON
// (<script type="application/json" id="kn-map-i18n">), in the page's language. No string shown
// to the user lives in the JavaScript; a missing key shows the key itself.

let strings = {};

export function loadStrings(doc = document) {
  const island = doc.getElementById("kn-map-i18n");
  try {
    strings = JSON.parse(island ? island.textContent : "{}") || {};
  } catch {
    strings = {};
  }
}

/// t("rank", 3, 150) -> "3. von 150": {0}, {1}, ... replaced by the arguments.
export function t(key, ...args) {
  const full = key.startsWith("map.ui.") ? key : `map.ui.${key}`;
  const s = Object.prototype.hasOwnProperty.call(strings, full) ? strings[full] : full;
  return s.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
}

/// Number in the page's language (decimal comma in German).
export function num(x, lang, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  const opts = Number.isInteger(x) ? {} : { maximumFractionDigits: digits };
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", opts).format(x);
}
