// Colours of the map. Tie quality 1 (very difficult) .. 5 (works very well): a diverging
// red - yellow - teal-green palette (ColorBrewer RdYlBu/BrBG end hues) whose ends stay apart
// for red-green colour blindness (dark red vs. teal, different lightness); no rating = grey.

export const QUALITY_COLORS = { 1: "#d7191c", 2: "#f08a4b", 3: "#d9b92e", 4: "#5ab4ac", 5: "#01665e" };
export const NO_QUALITY = "#a6a6a6";
export const DESIRED_COLOR = "#5e3c99";
export const FADED_NODE = "#e4e4e4";
export const FADED_EDGE = "#efefef";

export function qualityColor(q) {
  if (q === null || q === undefined) return NO_QUALITY;
  return QUALITY_COLORS[Math.max(1, Math.min(5, Math.round(q)))] || NO_QUALITY;
}

/// "#rrggbb" + alpha -> "rgba(...)".
export function withAlpha(hex, a) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${a})`;
}
