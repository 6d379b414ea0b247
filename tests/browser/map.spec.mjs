// Browser test of the network map (/admin/p/musterstadt/map, web/src) against the real
// `klimanetze serve --demo` in Debian's Chromium (playwright-core), at a small viewport: login,
// first render, the sector legend, a sector filter (visible actors = the sector's actors in the
// JSON), the field filter (mobility), the dashboard's top broker opened on the map, a click on an actor (panel with label and ranks), the ego view (= the actor and its
// neighbours in the JSON), the language switch, PNG and SVG export, the dashboard's HTML report
// (styled under its own CSP). Any console error, page
// error, failed request of the app's origin or CSP violation fails the step (lib/harness.mjs).
// Screenshots of every step go to --screenshots (map-*.png).
// Usage: node map.spec.mjs --binary build/<preset>/klimanetze [--screenshots DIR]
// Exit code 77 (ctest: skipped) when playwright-core or /usr/bin/chromium is not installed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { CHROMIUM, CHROMIUM_ARGS, guards, haveChromium, newContext, options, shot, startServer } from "./lib/harness.mjs";

let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  console.log("SKIP: playwright-core is not installed (npm ci --ignore-scripts --prefix tests/browser)");
  process.exit(77);
}
if (!haveChromium()) {
  console.log(`SKIP: ${CHROMIUM} not found (Debian package chromium, scripts/install-deps.sh test)`);
  process.exit(77);
}

const opt = options();
let server;
let browser;
const s = { context: null, guard: null, page: null, data: null };

function browserTest(name, fn) {
  test(name, async () => {
    try {
      await fn();
      s.guard?.check(name);
    } catch (e) {
      const seen = guards.flatMap((g) => g.problems.splice(0));
      if (seen.length) e.message += `\nThe browser reported:\n  ${seen.join("\n  ")}`;
      throw e;
    }
  });
}

before(async () => {
  server = await startServer(opt.binary);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  if (server) await server.stop();
});

const app = (page, fn, arg) => page.evaluate(([f, a]) => new Function("app", "arg", `return (${f})(app, arg)`)(document.getElementById("kn-map").knMap, a), [fn.toString(), arg]);
const waitReady = (page) => page.waitForFunction(() => document.getElementById("kn-map")?.dataset.ready === "1", null, { timeout: 30000 });
const visible = (page) => app(page, (a) => [...a.visibleNodes].sort());

browserTest("login and the map's first render", async () => {
  const { context, guard } = await newContext(browser, server.origin, { viewport: { width: 900, height: 650 }, acceptDownloads: true });
  // The favicon request of a page may be cut off by the next navigation (benign).
  guard.allowedAborts.push(/\/static\/favicon-[0-9a-f]+\.svg$/);
  Object.assign(s, { context, guard, page: await context.newPage() });
  const page = s.page;
  await page.goto(server.url + "/admin");
  await page.waitForURL(/\/admin\/login$/);
  await page.getByLabel("E-Mail-Adresse").fill(server.email);
  await page.getByLabel("Passwort").fill(server.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith("/login")), page.getByRole("button", { name: "Anmelden" }).click()]);
  await page.goto(server.url + "/admin/p/musterstadt/map");
  await waitReady(page);
  s.data = await app(page, (a) => a.data);
  assert.ok(s.data.actors.length >= 100, `demo actors: ${s.data.actors.length}`);
  assert.equal((await visible(page)).length, s.data.actors.length);
  await shot(page, opt.screenshots, "map-01-first-render");
});

browserTest("legend lists the demo sectors", async () => {
  const page = s.page;
  const legend = page.locator(".kn-legend details");
  if (!(await legend.evaluate((d) => d.open))) await page.locator(".kn-legend summary").click();
  const text = await page.locator(".kn-legend").innerText();
  for (const sec of s.data.sectors) assert.ok(text.includes(sec.label), `legend lacks ${sec.label}`);
  await shot(page, opt.screenshots, "map-02-legend");
  await page.locator(".kn-legend summary").click();
});

browserTest("filter by one sector", async () => {
  const page = s.page;
  const sec = s.data.sectors.find((x) => x.actors > 0);
  await page.locator(".kn-sectors").getByRole("button", { name: "keine" }).click();
  await page.locator(`#kn-sector-${sec.key}`).check();
  const expected = s.data.actors.filter((a) => a.sector === sec.key).map((a) => a.id).sort();
  assert.deepEqual(await visible(page), expected);
  assert.ok(page.url().includes(`sector=${sec.key}`), page.url());
  await shot(page, opt.screenshots, "map-03-sector-filter");
  await page.locator(".kn-sectors").getByRole("button", { name: "alle" }).click();
  assert.equal((await visible(page)).length, s.data.actors.length);
});

browserTest("click an actor: panel with label and ranks, ego view", async () => {
  const page = s.page;
  const actor = [...s.data.actors].sort((x, y) => (x.ranks.degree || 1e9) - (y.ranks.degree || 1e9))[0];
  const pos = await app(page, (a, id) => {
    const n = a.graph.getNodeAttributes(id);
    const v = a.renderer.graphToViewport({ x: n.x, y: n.y });
    const r = a.canvasBox.getBoundingClientRect();
    return { x: v.x + r.left, y: v.y + r.top };
  }, actor.id);
  await page.mouse.click(pos.x, pos.y);
  const panel = page.locator(".kn-panel");
  await panel.waitFor({ state: "visible" });
  const clicked = await panel.locator("h2").innerText();
  const clickedActor = s.data.actors.find((a) => a.label === clicked);
  assert.ok(clickedActor, `panel shows an unknown label ${clicked}`);
  const n = s.data.actors.length;
  const ptext = await panel.innerText();
  assert.ok(ptext.includes(`${clickedActor.ranks.degree}. von ${n}`), `rank of ${clicked} missing:\n${ptext}`);
  await shot(page, opt.screenshots, "map-04-panel");
  await panel.getByRole("button", { name: "Ego-Netzwerk: 1 Schritt" }).click();
  const expected = new Set([clickedActor.id]);
  for (const t of s.data.ties) {
    if (t.source === clickedActor.id) expected.add(t.target);
    if (t.target === clickedActor.id) expected.add(t.source);
  }
  assert.deepEqual(await visible(page), [...expected].sort());
  assert.ok(page.url().includes("ego=1"), page.url());
  await shot(page, opt.screenshots, "map-05-ego");
  await panel.getByRole("button", { name: "Zurück zum Gesamtnetz" }).click();
  assert.equal((await visible(page)).length, n);
});

browserTest("filter to the mobility actors", async () => {
  const page = s.page;
  await page.locator("#kn-field").selectOption("mobilitaet");
  const expected = s.data.actors.filter((a) => (a.fields || []).includes("mobilitaet")).map((a) => a.id).sort();
  assert.ok(expected.length > 0, "the demo has mobility actors");
  assert.deepEqual(await visible(page), expected);
  assert.ok(page.url().includes("field=mobilitaet"), page.url());
  await shot(page, opt.screenshots, "map-07-mobility");
  await page.locator("#kn-field").selectOption("");
  assert.equal((await visible(page)).length, s.data.actors.length);
});

browserTest("the dashboard's top broker opens on the map", async () => {
  const page = s.page;
  await page.goto(server.url + "/admin/p/musterstadt/dashboard");
  const heading = page.getByRole("heading", { name: /Brückenbauer/ });
  await heading.waitFor();
  const link = page.locator("section.ranking", { has: heading }).locator("tbody tr").first().locator("a");
  const name = await link.innerText();
  const top = s.data.actors.filter((a) => a.ranks.brokerage === 1).map((a) => a.label);
  assert.ok(top.includes(name), `dashboard's top broker ${name} is not rank 1 on the map (${top})`);
  await shot(page, opt.screenshots, "map-08-dashboard");
  await Promise.all([page.waitForURL(/\/map\?/), link.click()]);
  await waitReady(page);
  const panel = page.locator(".kn-panel");
  await panel.waitFor({ state: "visible" });
  assert.equal(await panel.locator("h2").innerText(), name);
  await shot(page, opt.screenshots, "map-09-broker");
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });
});

browserTest("export PNG and SVG", async () => {
  const page = s.page;
  for (const [id, kind] of [["#kn-export-png", "png"], ["#kn-export-svg", "svg"]]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(id).click()]);
    assert.equal(download.suggestedFilename(), `klimanetze-musterstadt-${s.data.relation}.${kind}`);
    const file = `${opt.screenshots}/map-export.${kind}`;
    await download.saveAs(file);
    const bytes = await readFile(file);
    if (kind === "png") {
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(bytes.length > 10 * 1024, `PNG of ${bytes.length} bytes`);
    } else {
      const svg = bytes.toString("utf8");
      assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<svg /);
      assert.ok((svg.match(/<circle /g) || []).length > 10, "circles in the SVG");
      const umlaut = s.data.actors.map((a) => a.label).concat(s.data.sectors.map((x) => x.label)).find((l) => /[äöüÄÖÜß]/.test(l) && svg.includes(l));
      assert.ok(umlaut, "a label with umlauts in the SVG");
      assert.ok(svg.trim().endsWith("</svg>"));
    }
  }
});

browserTest("language switch to English", async () => {
  const page = s.page;
  // The view (here: the mobility filter) survives the switch.
  await page.locator("#kn-field").selectOption("mobilitaet");
  await page.waitForFunction(() => location.search.includes("field=mobilitaet"));
  const sw = page.getByRole("link", { name: /^English$|^EN$/ }).or(page.getByRole("button", { name: /^English$|^EN$/ })).first();
  await page.waitForFunction(() => decodeURIComponent(document.querySelector("header a.lang").getAttribute("href")).includes("field=mobilitaet"));
  await Promise.all([page.waitForEvent("load"), sw.click()]);
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await waitReady(page);
  assert.ok(page.url().includes("field=mobilitaet"), page.url());
  assert.equal(await page.locator("#kn-field").inputValue(), "mobilitaet");
  assert.equal(await page.locator("label[for=kn-search]").innerText(), "Find an actor");
  assert.ok((await page.locator(".kn-legend summary").innerText()).includes("Legend"));
  await shot(page, opt.screenshots, "map-06-english");
});

browserTest("the dashboard's HTML report opens styled under its CSP", async () => {
  const page = s.page;
  await page.goto(server.url + "/admin/p/musterstadt/dashboard");
  const link = page.locator('a[href*="/report?"][href*="format=html"]').first();
  await link.waitFor();
  await Promise.all([page.waitForURL(/\/report\?/), link.click()]);
  await page.locator("h1").waitFor();
  assert.match(await page.locator("h1").innerText(), /Network report|Netzwerkbericht/);
  // The report's own <style> applied (a CSP that blocked it would leave h2 without a border and
  // the guard would report the violation).
  const border = await page.locator("section#overview h2").evaluate((e) => getComputedStyle(e).borderBottomStyle);
  assert.equal(border, "solid");
  assert.ok((await page.locator("svg.map circle").count()) > 100, "circles on the report's map");
  await shot(page, opt.screenshots, "map-10-report");
});
