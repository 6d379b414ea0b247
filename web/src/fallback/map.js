// Embedded instead of the map bundle when the binary was built with KN_WEB_BUNDLE=OFF
// (cmake/WebBundle.cmake): shows the catalogue message map.ui.bundle_missing in place of the map.
(function () {
  "use strict";
  var root = document.getElementById("kn-map");
  if (!root) return;
  var text = "";
  try {
    var island = document.getElementById("kn-map-i18n");
    text = (JSON.parse(island ? island.textContent : "{}") || {})["map.ui.bundle_missing"] || "";
  } catch (e) {
    text = "";
  }
  var p = document.createElement("p");
  p.className = "kn-map-notice";
  p.setAttribute("role", "status");
  p.textContent = text || "map.ui.bundle_missing";
  root.replaceChildren(p);
})();
