#!/usr/bin/env node
// Interactivity of the map UI on a large network: web/dev/server.mjs serves the page shell with
// the strict CSP, the bundle of a build directory and a fixture of --actors actors (about five
// ties each, web/dev/make_fixture.mjs); Debian's Chromium (software rendering: --disable-gpu,
// SwiftShader WebGL) at a small viewport loads it and this script measures
//   first frame  navigation start -> first completed sigma render (performance.now())
//   pan          mousemove of a drag on the map -> next completed render ("afterRender")
//   zoom         wheel event -> next completed render
//   filter       change event of a sector checkbox -> next completed render
// as median and p95 over --reps repetitions each (event.timeStamp and performance.now() share
// the page's clock). Results as a table and as JSON (--json FILE).
// Usage: node bench/browser/map_perf.mjs [--bundle build/h-web/web-bundle] [--actors 5000]
//          [--seed 1] [--reps 30] [--width 800] [--height 600] [--json out.json]
// Needs playwright-core (npm ci --ignore-scripts --prefix tests/browser) and /usr/bin/chromium.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const a = process.argv.slice(2);
const get = (k, d) => (a.indexOf(k) >= 0 ? a[a.indexOf(k) + 1] : d);
const opt = {
  bundle: path.resolve(get("--bundle", path.join(root, "build/h-web/web-bundle"))),
  actors: Number(get("--actors", 5000)),
  seed: Number(get("--seed", 1)),
  reps: Number(get("--reps", 30)),
  width: Number(get("--width", 800)),
  height: Number(get("--height", 600)),
  json: get("--json", ""),
};

const { chromium } = await import(path.join(root, "tests/browser/node_modules/playwright-core/index.mjs"));
const { CHROMIUM, CHROMIUM_ARGS } = await import(path.join(root, "tests/browser/lib/harness.mjs"));

const server = spawn(process.execPath, [path.join(root, "web/dev/server.mjs"), "--port", "0", "--bundle", opt.bundle,
  "--actors", String(opt.actors), "--seed", String(opt.seed)], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  server.on("exit", (c) => reject(new Error(`dev server exited (${c})`)));
});

const stats = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, median: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) };
};

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const results = {};
try {
  const page = await browser.newPage({ viewport: { width: opt.width, height: opt.height } });
  const problems = [];
  page.on("console", (m) => m.type() === "error" && !/favicon/.test(m.location()?.url || "") && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.__kn = { last: null, samples: [] };
    for (const type of ["mousemove", "wheel", "change"])
      addEventListener(type, (e) => {
        if (window.__kn.armed === type) (window.__kn.last = e.timeStamp), (window.__kn.armed = null);
      }, true);
  });
  await page.goto(`${base}/?lang=de`);
  await page.waitForFunction(() => document.getElementById("kn-map")?.dataset.ready === "1", null, { timeout: 120000 });
  await page.waitForFunction(() => document.getElementById("kn-map").knMap.firstRenderAt > 0, null, { timeout: 60000 });
  const first = await page.evaluate(() => {
    const app = document.getElementById("kn-map").knMap;
    document.getElementById("kn-map").addEventListener("kn-map-render", () => {
      const k = window.__kn;
      if (k.last !== null) k.samples.push(performance.now() - k.last), (k.last = null);
    });
    return { firstFrame: app.firstRenderAt, nodes: app.graph.order, edges: app.graph.size, ties: app.data.ties.length };
  });
  results.setup = { ...opt, base: undefined, ...first };
  results.first_frame_ms = +first.firstFrame.toFixed(0);
  await page.waitForTimeout(1000);
  const box = await page.locator("#kn-map-canvas").boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  async function sample(kind, act) {
    const xs = [];
    for (let i = 0; i < opt.reps; i++) {
      await page.evaluate((k) => ((window.__kn.armed = k), (window.__kn.last = null), (window.__kn.samples = [])), kind);
      await act(i);
      await page.waitForFunction(() => window.__kn.samples.length > 0, null, { timeout: 10000 });
      xs.push(await page.evaluate(() => window.__kn.samples[0]));
      await page.waitForTimeout(350); // let animations and inertia settle
    }
    return stats(xs);
  }

  // Pan: a drag that is already under way (sigma starts panning after a few moves); the sample
  // is one further mousemove -> the next render.
  results.pan = await sample("none", async (i) => {
    const dx = i % 2 ? -40 : 40;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx / 2, cy + 5, { steps: 5 });
    await page.waitForTimeout(150);
    await page.evaluate(() => ((window.__kn.armed = "mousemove"), (window.__kn.last = null), (window.__kn.samples = [])));
    await page.mouse.move(cx + dx, cy + 10, { steps: 1 });
    await page.waitForFunction(() => window.__kn.samples.length > 0, null, { timeout: 10000 });
    await page.mouse.up();
  });
  results.zoom = await sample("wheel", async (i) => {
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, i % 2 ? 120 : -120);
  });
  const boxes = page.locator(".kn-sectors input[type=checkbox]");
  results.filter = await sample("change", async (i) => {
    await boxes.nth(i % 3).click();
  });
  if (problems.length) results.problems = problems;
} finally {
  await browser.close();
  server.kill();
}

console.log(`map_perf: ${results.setup.nodes} actors, ${results.setup.edges} drawn edges (${results.setup.ties} ties), viewport ${opt.width}x${opt.height}`);
console.log(`  first frame: ${results.first_frame_ms} ms`);
for (const k of ["pan", "zoom", "filter"])
  console.log(`  ${k.padEnd(6)} median ${results[k].median} ms  p95 ${results[k].p95} ms  max ${results[k].max} ms  (n=${results[k].n})`);
if (results.problems) console.log("  browser problems:", results.problems);
if (opt.json) writeFileSync(opt.json, JSON.stringify(results, null, 2));
