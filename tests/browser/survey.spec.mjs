// Browser test of the KlimaNetze survey and admin area, against the real `klimanetze serve
// --demo` process in Debian's Chromium (playwright-core):
//   1. admin (laptop): login, the response monitoring of the wave, new links for two invited
//      actors through the mail-merge CSV download;
//   2. the whole survey in German on a phone with the demo respondent's printed link (token gone
//      from the address bar, consent and one page by keyboard only, roster search, ticks and a
//      free addition, ratings with the conditional barriers question, skip, desired
//      collaboration, an idea, general items, summary, submit, thanks), then the admin sees it;
//   3. resume in a fresh browser: the answers are there and "bereits abgeschickt" is shown;
//   4. the same flow in English through the language switch, with a link made in the admin area;
//   5. without JavaScript: consent and the grouped roster work, the search box stays hidden;
//   6. the admin dashboard counts both submissions; 7. the server stops cleanly on SIGTERM.
// Any console error, page error, failed request or HTTP error of the app's origin, or CSP
// violation fails the step it happened in. Screenshots of every step go to --screenshots.
// Usage: node survey.spec.mjs --binary build/<preset>/klimanetze [--screenshots DIR]
// Exit code 77 (ctest: skipped) when playwright-core or /usr/bin/chromium is not installed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import {
  CHROMIUM,
  guards,
  CHROMIUM_ARGS,
  LAPTOP,
  PHONE,
  fold,
  haveChromium,
  newContext,
  options,
  parseCsv,
  shot,
  startServer,
  tabTo,
} from "./lib/harness.mjs";

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
let stopped = false;
/// The admin's browser (laptop viewport), logged in by the first test.
const admin = { context: null, guard: null, page: null, dashboard: "", baseline: null };
/// Links made in the admin area: [{name, link}].
let newLinks = [];
/// What the German respondent answered, for the resume check.
let answeredDe = null;

const TEXT = {
  de: {
    consent: "Einwilligung und Datenschutz",
    consentYes: "Ich willige ein und beginne",
    about: "Über Sie",
    collaboration: "Zusammenarbeit",
    information: "Informationsaustausch",
    desired: "Gewünschte Zusammenarbeit",
    innovations: "Ideen und Projekte",
    general: "Allgemeines",
    summary: "Zusammenfassung",
    submit: "Antworten abschicken",
    thanks: "Vielen Dank!",
    next: "Speichern und weiter",
    matches: (n) => `${n} Treffer`,
    chosen: (n) => `Ausgewählt: ${n}`,
    submitted: "bereits abgeschickt",
    ownAdditions: "Ihre Ergänzungen",
    missing: "fehlen noch",
  },
  en: {
    consent: "Consent and data protection",
    consentYes: "I consent and start",
    about: "About you",
    collaboration: "Collaboration",
    information: "Information exchange",
    desired: "Desired collaboration",
    innovations: "Ideas and projects",
    general: "General",
    summary: "Summary",
    submit: "Submit answers",
    thanks: "Thank you!",
    next: "Save and continue",
    matches: (n) => `${n} matches`,
    chosen: (n) => `Selected: ${n}`,
    submitted: "already submitted",
    ownAdditions: "Your additions",
    missing: "still missing",
  },
};

/// A test whose failure message also lists what the browser reported (console, HTTP errors).
function browserTest(name, fn) {
  test(name, async () => {
    try {
      await fn();
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
  if (server && !stopped) await server.stop();
});

async function h1(page) {
  return (await page.locator("main h1").first().textContent()).trim();
}

/// Clicks a submit button by its text and waits for the next page.
async function submitWith(page, text, urlPattern) {
  await Promise.all([page.waitForURL(urlPattern), page.getByRole("button", { name: text, exact: true }).click()]);
}

/// Totals row of the dashboard's response monitoring: {invited, started, submitted}.
async function monitorTotals(page) {
  const cells = await page.locator("table.monitor tfoot td.num").allTextContents();
  assert.ok(cells.length >= 3, `monitor totals: ${cells}`);
  const [invited, started, submitted] = cells.slice(0, 3).map((c) => Number(c.trim()));
  return { invited, started, submitted };
}

async function openDashboard(page) {
  await page.goto(admin.dashboard);
  assert.equal(await h1(page), "Musterstadt 2026");
  assert.ok(await page.locator("table.monitor").isVisible(), "response monitoring table");
  return monitorTotals(page);
}

/// Names of the roster entries, as listed on a roster page.
async function rosterNames(page) {
  return (await page.locator("#roster-list li .name").allTextContents()).map((s) => s.trim());
}

/// Ticks the roster checkbox of `name` (searching for it first when the search box is there).
async function tickActor(page, name) {
  const search = page.locator("#roster-q");
  const js = await search.isVisible();
  if (js) {
    await search.fill("");
    await search.pressSequentially(name.slice(0, 12));
  }
  const box = page.locator("#roster-list li").filter({ has: page.getByText(name, { exact: true }) }).locator("input");
  assert.equal(await box.count(), 1, `one roster entry named ${name}`);
  const id = await box.getAttribute("value");
  if (!js) {
    // Without JavaScript the group may be closed: open it like a user would.
    const group = page.locator("details.group").filter({ has: page.locator(`#a-${id}`) });
    if ((await group.getAttribute("open")) === null) await group.locator("summary").click();
  }
  await box.check();
  if (js) await search.fill("");
  return id;
}

/// The whole questionnaire after consent, in `lang`. Returns what was answered.
async function answerSurvey(page, lang, prefix, { keyboard }) {
  const T = TEXT[lang];
  const dir = opt.screenshots;
  // --- about you ---
  await page.waitForURL(/\/s\/p\/about$/);
  assert.equal(await h1(page), T.about);
  const position = lang === "de" ? "Klimaschutzmanagement" : "Climate officer";
  if (keyboard) {
    // Only the keyboard: Tab to the text field and type, Space on two checkboxes, Enter on the
    // "save and continue" button.
    await tabTo(page, "#f-i-position");
    await page.keyboard.type(position);
    await tabTo(page, 'input[type=checkbox][name="i.own_fields"]');
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    assert.equal(await page.locator('input[type=checkbox][name="i.own_fields"]:checked').count(), 2, "two fields ticked by Space");
    // A radio group: Tab lands on the checked "keine Angabe", the arrow key picks the role above.
    await tabTo(page, 'input[name="i.own_role"]');
    await page.keyboard.press("ArrowUp");
    assert.notEqual(await page.locator('input[name="i.own_role"]:checked').getAttribute("value"), "", "a role chosen by keyboard");
  } else {
    await page.locator("#f-i-position").fill(position);
    await page.locator('input[type=checkbox][name="i.own_fields"]').nth(0).check();
    await page.locator('input[type=checkbox][name="i.own_fields"]').nth(1).check();
    await page.locator('input[name="i.own_role"]').nth(1).check();
  }
  await shot(page, dir, `${prefix}-02-about`);
  if (keyboard) {
    await tabTo(page, 'button[value="next"]');
    await Promise.all([page.waitForURL(/\/s\/p\/collaboration$/), page.keyboard.press("Enter")]);
  } else {
    await submitWith(page, T.next, /\/s\/p\/collaboration$/);
  }

  // --- collaboration: whom ---
  assert.equal(await h1(page), T.collaboration);
  assert.ok(await page.locator(".roster-search").isVisible(), "the search box appears with JavaScript");
  const names = await rosterNames(page);
  assert.ok(names.length >= 10, `roster of ${names.length}`);
  assert.equal(new Set(names).size, names.length, "roster names are unique");
  // Search: a word of a name; typed without accents when the word has one (accent-insensitive).
  const word =
    names.flatMap((n) => n.split(/\s+/)).find((w) => w.length >= 5 && fold(w) !== w.toLowerCase()) ||
    names.flatMap((n) => n.split(/\s+/)).find((w) => w.length >= 5);
  const typed = fold(word).slice(0, 5);
  await page.locator("#roster-q").pressSequentially(typed);
  const expected = names.filter((n) => fold(n).includes(typed)).length;
  assert.ok(expected >= 1 && expected < names.length, `search "${typed}" should narrow the list (${expected})`);
  assert.equal(await page.locator("#roster-list li:not(.hidden)").count(), expected, "visible entries after search");
  assert.equal((await page.locator("#roster-count").textContent()).trim(), T.matches(expected));
  for (const li of await page.locator("#roster-list li:not(.hidden) .name").allTextContents())
    assert.ok(fold(li).includes(typed), `${li} matches ${typed}`);
  await shot(page, dir, `${prefix}-03-roster-search`);
  await page.locator("#roster-q").fill("");
  await page.locator("#roster-q").dispatchEvent("input");
  assert.equal(await page.locator("#roster-list li:not(.hidden)").count(), names.length, "empty search shows all");

  const [nameA, nameB, nameC] = [names[1], names[4], names[7]];
  const idA = await tickActor(page, nameA);
  const idB = await tickActor(page, nameB);
  assert.equal((await page.locator("#chosen-count").textContent()).trim(), T.chosen(2));
  const addition = lang === "de" ? "Bürgerenergie Testdorf eG" : "Community Energy Testville";
  await page.locator("#f-n-0-name").fill(addition);
  await shot(page, dir, `${prefix}-04-roster`);
  await submitWith(page, T.next, /\/s\/p\/collaboration\/rate$/);

  // --- collaboration: rate each ---
  assert.equal(await h1(page), T.collaboration);
  const ties = page.locator("section.tie");
  assert.equal(await ties.count(), 3, "two ticked actors and the free addition");
  const tieNames = (await page.locator("section.tie h2").allTextContents()).join(" | ");
  for (const n of [nameA, nameB, addition]) assert.ok(tieNames.includes(n), `${n} on the rate page: ${tieNames}`);
  const tieIds = await page.locator('form.rate input[type=hidden][name="a"]').evaluateAll((l) => l.map((e) => e.value));
  const idAdd = tieIds.find((v) => v !== idA && v !== idB);
  assert.ok(idAdd, "the free addition is a roster actor now");
  const barriers = (id) => page.locator(`#f-t-${id}-barriers`);
  for (const id of tieIds) assert.equal(await barriers(id).isVisible(), false, "barriers hidden before a rating");
  if (keyboard) {
    // A radio choice by keyboard: Tab into the first frequency group, Space picks the option.
    const first = tieIds[0];
    await tabTo(page, `input[name="t.${first}.frequency"]`);
    await page.keyboard.press("Space");
    assert.equal(await page.locator(`input[name="t.${first}.frequency"]:checked`).count(), 1, "frequency chosen by Space");
  }
  const rate = async (id, frequency, quality) => {
    const f = page.locator(`input[name="t.${id}.frequency"][value="${frequency}"]`);
    if (!(await page.locator(`input[name="t.${id}.frequency"]:checked`).count())) await f.check();
    await page.locator(`#f-t-${id}-quality-${quality}`).check();
  };
  await rate(idA, "monthly", 2);
  assert.ok(await barriers(idA).isVisible(), "quality 2: the barriers question shows");
  await barriers(idA).locator("input[type=checkbox]").nth(0).check();
  await rate(idB, "weekly", 5);
  assert.equal(await barriers(idB).isVisible(), false, "quality 5: the barriers question stays hidden");
  await rate(idAdd, "quarterly", 4);
  assert.equal(await barriers(idAdd).isVisible(), false, "quality 4: hidden");
  await shot(page, dir, `${prefix}-05-rate`);
  await submitWith(page, T.next, /\/s\/p\/information$/);

  // --- information: skipped with "save and continue" ---
  assert.equal(await h1(page), T.information);
  await shot(page, dir, `${prefix}-06-information`);
  await submitWith(page, T.next, /\/s\/p\/desired$/);

  // --- desired collaboration ---
  assert.equal(await h1(page), T.desired);
  await tickActor(page, nameC);
  assert.equal((await page.locator("#chosen-count").textContent()).trim(), T.chosen(1));
  await shot(page, dir, `${prefix}-07-desired`);
  await submitWith(page, T.next, /\/s\/p\/desired\/rate$/);
  assert.equal(await page.locator("section.tie").count(), 1);
  assert.ok((await page.locator("section.tie h2").textContent()).includes(nameC));
  await page.locator("section.tie fieldset").first().locator("input[type=checkbox]").nth(0).check();
  await shot(page, dir, `${prefix}-08-desired-rate`);
  await submitWith(page, T.next, /\/s\/p\/innovations$/);

  // --- ideas and projects ---
  assert.equal(await h1(page), T.innovations);
  const idea = lang === "de" ? "Sichere Schulwege mit dem Rad" : "Safe cycling routes to school";
  await page.locator("#f-v-0-title").fill(idea);
  await page.locator("#f-v-0-description").fill(lang === "de" ? "Gemeinsam mit Schulen planen." : "Planned with the schools.");
  await page.locator("#f-v-0-field").selectOption("mobilitaet");
  await page.locator("#f-v-0-stage").selectOption("planning");
  await page.locator("#f-v-0-conditions-0").check();
  await page.locator("#f-v-0-partners").selectOption(idA);
  await shot(page, dir, `${prefix}-09-innovations`);
  await submitWith(page, T.next, /\/s\/p\/general$/);

  // --- general ---
  assert.equal(await h1(page), T.general);
  await page.locator("#f-i-network_satisfaction-4").check();
  await page.locator('input[type=checkbox][name="i.general_barriers"]').nth(0).check();
  await page.locator("#f-i-suggestions").fill(lang === "de" ? "Mehr Austausch, bitte." : "More exchange, please.");
  await shot(page, dir, `${prefix}-10-general`);
  await submitWith(page, T.next, /\/s\/summary$/);

  // --- summary and submit ---
  assert.equal(await h1(page), T.summary);
  const summary = await page.locator("main").textContent();
  for (const s of [nameA, nameB, addition, nameC, idea, position])
    assert.ok(summary.includes(s), `summary names ${s}`);
  assert.ok(!summary.includes(T.missing), "no required answer missing");
  assert.equal(await page.locator("section.summary").count(), 6, "one block per section");
  await shot(page, dir, `${prefix}-11-summary`);
  await submitWith(page, T.submit, /\/s\/done$/);
  assert.equal(await h1(page), T.thanks);
  await shot(page, dir, `${prefix}-12-thanks`);
  return { idA, idB, idAdd, nameA, nameB, addition, position };
}

browserTest("admin on a laptop: login, response monitoring, new links for two invited actors", async () => {
  const { context, guard } = await newContext(browser, server.origin, LAPTOP);
  const page = await context.newPage();
  Object.assign(admin, { context, guard, page });
  await page.goto(server.url + "/admin");
  await page.waitForURL(/\/admin\/login$/);
  assert.equal(await h1(page), "Anmeldung");
  await shot(page, opt.screenshots, "admin-01-login");
  await page.getByLabel("E-Mail-Adresse").fill(server.email);
  await page.getByLabel("Passwort").fill(server.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith("/login")), page.getByRole("button", { name: "Anmelden" }).click()]);
  // Projects list (or straight to the project): open Musterstadt.
  if (!/\/admin\/p\/musterstadt$/.test(page.url())) {
    await Promise.all([page.waitForURL(/\/admin\/p\/musterstadt$/), page.getByRole("link", { name: "Musterstadt 2026" }).first().click()]);
  }
  admin.dashboard = page.url();
  admin.baseline = await monitorTotals(page);
  assert.ok(admin.baseline.invited > 0 && admin.baseline.submitted < admin.baseline.invited, JSON.stringify(admin.baseline));
  await shot(page, opt.screenshots, "admin-02-dashboard-before");

  await Promise.all([page.waitForURL(/\/invitations$/), page.getByRole("link", { name: "Einladungen und Links" }).first().click()]);
  const rows = page.locator("table tbody tr");
  const invited = [];
  for (let i = 0, n = await rows.count(); i < n && invited.length < 2; i++) {
    const cells = await rows.nth(i).locator("td").allTextContents();
    const name = cells[1].trim();
    if (cells[3].trim() === "eingeladen" && name !== server.respondentName) invited.push({ row: rows.nth(i), name });
  }
  assert.equal(invited.length, 2, "two invited actors besides the demo respondent");
  for (const r of invited) await r.row.locator("input[name=invitation]").check();
  await shot(page, opt.screenshots, "admin-03-invitations");
  guard.allowedAborts.push(/\/invitations\/renew$/); // a download ends the navigation
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Neue Links erzeugen und herunterladen" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^links-musterstadt-.*\.csv$/);
  const csv = parseCsv(await readFile(await download.path(), "utf8"));
  assert.deepEqual(csv[0], ["key", "name", "contact_name", "contact_email", "link"]);
  const body = csv.slice(1).filter((r) => r.length > 1);
  assert.equal(body.length, 2, "one row per selected invitation");
  newLinks = body.map((r) => ({ name: r[1], link: r[4] }));
  assert.deepEqual(newLinks.map((l) => l.name).sort(), invited.map((r) => r.name).sort());
  for (const l of newLinks) assert.match(l.link, new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{43}$`));
  guard.check("admin");
});

browserTest("survey in German on a phone: link, consent by keyboard, all sections, summary, submit", async () => {
  const { context, guard } = await newContext(browser, server.origin, PHONE);
  const page = await context.newPage();
  const token = server.respondentLink.split("/s/")[1];
  await page.goto(server.respondentLink);
  assert.equal(page.url(), server.url + "/s", "the token is exchanged for a cookie and leaves the URL");
  assert.ok(!page.url().includes(token));
  assert.equal(await h1(page), TEXT.de.consent);
  assert.ok((await page.locator(".respondent").textContent()).includes(server.respondentName));
  await shot(page, opt.screenshots, "de-01-consent");
  // Consent by keyboard only.
  await tabTo(page, 'button[value="yes"]');
  await Promise.all([page.waitForURL(/\/s\/p\/about$/), page.keyboard.press("Enter")]);
  answeredDe = await answerSurvey(page, "de", "de", { keyboard: true });
  assert.ok(!page.url().includes(token));
  guard.check("survey de");
  await context.close();

  // The admin sees the submission.
  const totals = await openDashboard(admin.page);
  assert.equal(totals.submitted, admin.baseline.submitted + 1, "submitted +1 after the German respondent");
  assert.equal(totals.invited, admin.baseline.invited);
  admin.guard.check("admin dashboard");
});

browserTest("resume in a fresh browser: the answers are there, marked as already submitted", async () => {
  assert.ok(answeredDe, "needs the German flow");
  const { context, guard } = await newContext(browser, server.origin, PHONE);
  const page = await context.newPage();
  await page.goto(server.respondentLink);
  await page.waitForURL(/\/s\/done$/);
  assert.equal(await h1(page), TEXT.de.thanks);
  assert.ok((await page.locator(".respondent").textContent()).includes(TEXT.de.submitted));
  await page.goto(server.url + "/s/p/collaboration");
  assert.ok((await page.locator(".respondent").textContent()).includes(TEXT.de.submitted));
  for (const id of [answeredDe.idA, answeredDe.idB, answeredDe.idAdd])
    assert.ok(await page.locator(`#a-${id}`).isChecked(), `actor ${id} is still ticked`);
  assert.equal(await page.locator("#roster-list input:checked").count(), 3);
  assert.ok((await page.locator("details.group", { hasText: TEXT.de.ownAdditions }).textContent()).includes(answeredDe.addition));
  // The free addition is a roster actor of this respondent now: three named.
  assert.equal((await page.locator("#chosen-count").textContent()).trim(), TEXT.de.chosen(3));
  await shot(page, opt.screenshots, "de-13-resume-roster");
  await page.goto(server.url + "/s/p/collaboration/rate");
  assert.ok(await page.locator(`#f-t-${answeredDe.idA}-quality-2`).isChecked());
  assert.ok(await page.locator(`#f-t-${answeredDe.idB}-quality-5`).isChecked());
  assert.ok(await page.locator(`#f-t-${answeredDe.idA}-barriers`).isVisible());
  await page.goto(server.url + "/s/p/about");
  assert.equal(await page.locator("#f-i-position").inputValue(), answeredDe.position);
  guard.check("resume");
  await context.close();
});

browserTest("survey in English through the language switch, with a link made in the admin area", async () => {
  assert.equal(newLinks.length, 2, "needs the links from the admin test");
  const { context, guard } = await newContext(browser, server.origin, PHONE);
  const page = await context.newPage();
  await page.goto(newLinks[0].link);
  assert.equal(page.url(), server.url + "/s");
  assert.equal(await h1(page), TEXT.de.consent, "German by default");
  await Promise.all([page.waitForURL(server.url + "/s"), page.getByRole("link", { name: "English" }).click()]);
  assert.equal(await h1(page), TEXT.en.consent);
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.ok((await page.locator(".respondent").textContent()).includes(newLinks[0].name));
  await shot(page, opt.screenshots, "en-01-consent");
  await submitWith(page, TEXT.en.consentYes, /\/s\/p\/about$/);
  await answerSurvey(page, "en", "en", { keyboard: false });
  guard.check("survey en");
  await context.close();
});

browserTest("without JavaScript: consent and the grouped roster work, no search box", async () => {
  const { context, guard } = await newContext(browser, server.origin, { ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(newLinks[1].link);
  assert.equal(await h1(page), TEXT.de.consent);
  await shot(page, opt.screenshots, "nojs-01-consent");
  await submitWith(page, TEXT.de.consentYes, /\/s\/p\/about$/);
  await submitWith(page, TEXT.de.next, /\/s\/p\/collaboration$/);
  assert.equal(await h1(page), TEXT.de.collaboration);
  assert.equal(await page.locator(".roster-search").isVisible(), false, "the search box stays hidden");
  assert.ok((await page.locator("details.group").count()) >= 3, "the roster is grouped by sector");
  const names = await rosterNames(page);
  const name = names[names.length - 1];
  const id = await tickActor(page, name);
  await shot(page, opt.screenshots, "nojs-02-roster");
  await submitWith(page, TEXT.de.next, /\/s\/p\/collaboration\/rate$/);
  assert.equal(await page.locator("section.tie").count(), 1);
  // Without the script the conditional question is simply shown (its hint says when it applies).
  assert.ok(await page.locator(`#f-t-${id}-barriers`).isVisible());
  await shot(page, opt.screenshots, "nojs-03-rate");
  await Promise.all([page.waitForURL(/\/s\/p\/collaboration$/), page.getByRole("button", { name: "Zurück" }).click()]);
  assert.ok(await page.locator(`#a-${id}`).isChecked(), "the tick was saved");
  const group = page.locator("details.group", { has: page.locator(`#a-${id}`) });
  assert.notEqual(await group.getAttribute("open"), null, "the group with a choice is open");
  assert.match(await group.locator("summary").textContent(), /1 ausgewählt/);
  guard.check("no JavaScript");
  await context.close();
});

browserTest("admin dashboard counts both submissions", async () => {
  const page = admin.page;
  const totals = await openDashboard(page);
  assert.equal(totals.submitted, admin.baseline.submitted + 2, "German and English respondent");
  assert.equal(totals.started, admin.baseline.started + 1, "the respondent without JavaScript has started");
  assert.equal(totals.invited, admin.baseline.invited);
  await shot(page, opt.screenshots, "admin-04-dashboard");
  // The invitations page shows each respondent's status.
  await Promise.all([page.waitForURL(/\/invitations$/), page.getByRole("link", { name: "Einladungen und Links" }).first().click()]);
  const status = async (name) =>
    (await page.locator("table tbody tr", { has: page.locator("td", { hasText: name }) }).first().locator("td").nth(3).textContent()).trim();
  assert.equal(await status(server.respondentName), "abgeschickt");
  assert.equal(await status(newLinks[0].name), "abgeschickt");
  assert.equal(await status(newLinks[1].name), "begonnen");
  admin.guard.check("admin dashboard");
  await admin.context.close();
});

browserTest("the server stops on SIGTERM with exit code 0", async () => {
  await browser.close();
  browser = null;
  const r = await server.stop();
  stopped = true;
  assert.equal(r.signal, null, `signal ${r.signal}`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Server stopped\./);
});
