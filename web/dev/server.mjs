#!/usr/bin/env node
// Development server for the map UI (no dependencies): serves a copy of the page shell of
// /admin/p/{slug}/map with the server's strict Content-Security-Policy (kDefaultCsp in
// src/server/http/security.hpp), the bundle from a build directory, the map.ui.* strings of
// i18n/{de,en}.properties and a fixture from make_fixture.mjs.
// Usage: node web/dev/server.mjs [--port 8090] [--bundle build/h-web/web-bundle]
//                                [--actors 150] [--seed 42] [--fixture FILE.json]
// Open http://127.0.0.1:8090/?lang=de (any map query parameters pass through).

import http from "node:http";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeFixture } from "./make_fixture.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const a = process.argv.slice(2);
const get = (k, d) => (a.indexOf(k) >= 0 ? a[a.indexOf(k) + 1] : d);
const port = Number(get("--port", 8090));
const bundle = path.resolve(get("--bundle", path.join(root, "build/h-web/web-bundle")));
const fixtureFile = get("--fixture", "");
const fixtureOpts = { actors: Number(get("--actors", 150)), seed: Number(get("--seed", 42)) };

// Copied from kDefaultCsp (src/server/http/security.hpp).
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; " +
  "base-uri 'none'";

function catalogue(lang) {
  const out = {};
  const text = readFileSync(path.join(root, "i18n", `${lang}.properties`), "utf8");
  for (const line of text.split("\n")) {
    const m = line.match(/^(map\.ui\.[\w.]+)\s*=\s?(.*)$/);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

const fixtures = new Map();
function fixture(lang, wave) {
  const k = `${lang}/${wave}`;
  if (!fixtures.has(k)) {
    let d;
    if (fixtureFile) d = JSON.parse(readFileSync(fixtureFile, "utf8"));
    else d = makeFixture({ ...fixtureOpts, lang, seed: fixtureOpts.seed + (wave === "2025" ? 1 : 0) });
    if (wave) d.wave = wave;
    fixtures.set(k, JSON.stringify(d));
  }
  return fixtures.get(k);
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function page(lang, canEdit) {
  const i18n = JSON.stringify(catalogue(lang)).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Netzwerkkarte – dev</title>
<link rel="stylesheet" href="/static/map.css">
</head><body>
<header class="dev-header"><nav><a href="?lang=de">Deutsch</a> · <a href="?lang=en">English</a></nav></header>
<main>
<div id="kn-map" data-map-api="/api/v1/projects/musterstadt/map" data-layout-api="/api/v1/projects/musterstadt/layout"
     data-csrf="dev-token" data-can-edit="${canEdit ? 1 : 0}" data-worker="/static/layout-worker.js" data-lang="${lang}" data-project="musterstadt"></div>
<script type="application/json" id="kn-map-i18n">${i18n}</script>
<noscript>JavaScript</noscript>
</main>
<script src="/static/map.js" defer></script>
</body></html>`;
}

function send(res, status, type, body, extra = {}) {
  res.writeHead(status, { "Content-Type": type, "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", ...extra });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const lang = url.searchParams.get("lang") === "en" ? "en" : "de";
  if (url.pathname === "/" || url.pathname === "/admin/p/musterstadt/map") {
    return send(res, 200, "text/html; charset=utf-8", page(lang, url.searchParams.get("edit") !== "0"));
  }
  if (url.pathname.startsWith("/static/")) {
    const name = path.basename(url.pathname);
    const file = path.join(bundle, name);
    if (!existsSync(file)) return send(res, 404, "text/plain", "not found");
    const type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    return send(res, 200, type, readFileSync(file));
  }
  if (url.pathname === "/api/v1/projects/musterstadt/map") {
    const ref = req.headers.referer || "";
    const l = /lang=en/.test(ref) ? "en" : lang;
    return send(res, 200, "application/json", fixture(l, url.searchParams.get("wave") || ""));
  }
  if (url.pathname === "/api/v1/projects/musterstadt/layout" && req.method === "POST") {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.headers["x-csrf-token"] !== "dev-token") return send(res, 403, "application/json", '{"error":"csrf"}');
      const b = JSON.parse(body || "{}");
      if (b.positions) {
        for (const [l, s] of fixtures) {
          const d = JSON.parse(s);
          for (const act of d.actors) if (b.positions[act.id]) [act.x, act.y] = b.positions[act.id];
          fixtures.set(l, JSON.stringify(d));
        }
      } else fixtures.clear(), (fixtureOpts.seed = Number(b.seed) || fixtureOpts.seed);
      send(res, 200, "application/json", JSON.stringify({ seed: b.seed ?? 0, source: b.positions ? "browser" : "server", iterations: 600, updated_at: Math.floor(Date.now() / 1000) }));
    });
    return;
  }
  send(res, 404, "text/plain", "not found");
});
server.listen(port, "127.0.0.1", () => console.log(`map dev server: http://127.0.0.1:${server.address().port}/ (bundle ${bundle})`));
