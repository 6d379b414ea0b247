// Shared machinery of the KlimaNetze browser tests (no test of its own): starts the real
// `klimanetze serve --demo` process and reads its console lines, launches Debian's Chromium
// through playwright-core, and watches every page for console errors, page errors, failed
// requests of the app's own origin and Content-Security-Policy violations.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.KN_CHROMIUM || "/usr/bin/chromium";

// Flags known to work on this machine (closed network: no background connections).
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const LAPTOP = { viewport: { width: 1366, height: 900 } };

/// Command line: --binary PATH --screenshots DIR (or KN_BINARY / KN_SCREENSHOTS).
export function options(argv = process.argv.slice(2)) {
  const o = {
    binary: process.env.KN_BINARY || "",
    screenshots: process.env.KN_SCREENSHOTS || "",
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--binary") o.binary = argv[++i];
    else if (argv[i] === "--screenshots") o.screenshots = argv[++i];
  }
  if (!o.binary) throw new Error("usage: survey.spec.mjs --binary PATH/klimanetze [--screenshots DIR]");
  if (!o.screenshots) o.screenshots = path.join(path.dirname(o.binary), "browser-screenshots");
  mkdirSync(o.screenshots, { recursive: true });
  return o;
}

/// The running server: url, admin credentials, demo respondent and the process.
export async function startServer(binary) {
  const dir = mkdtempSync(path.join(tmpdir(), "kn-browser-"));
  const child = spawn(
    binary,
    ["serve", "--db", path.join(dir, "t.db"), "--demo", "--port", "0", "--lang", "en"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${stdout}\n${stderr}`)), 30000);
    child.stdout.on("data", (d) => {
      stdout += d;
      if (stdout.includes("Stop with Ctrl+C.")) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${stdout}\n${stderr}`));
    });
  });
  await ready;
  const m = (re, what) => {
    const r = stdout.match(re);
    if (!r) throw new Error(`no ${what} in the server output:\n${stdout}`);
    return r;
  };
  const [, url] = m(/^KlimaNetze is running: (http:\/\/127\.0\.0\.1:\d+) \(database: sqlite\)$/m, "URL");
  const [, email, password] = m(/^Demo login: e-mail (\S+), password (\S+)$/m, "demo login");
  const [, respondentName, respondentLink] = m(/^Survey of a demo actor \((.+)\): (\S+)$/m, "respondent link");
  return {
    url,
    origin: new URL(url).origin,
    email,
    password,
    respondentName,
    respondentLink,
    output: () => stdout,
    stderr: () => stderr,
    /// SIGTERM, then the exit status ({code, signal}) and the full console output.
    async stop() {
      child.kill("SIGTERM");
      const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 10000));
      const result = await Promise.race([exited, timeout]);
      if (!result) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      return { ...(result || { code: null, signal: "timeout" }), stdout, stderr };
    },
  };
}

/// Problems seen on the pages of a context; `check()` throws if there are any.
export class Guard {
  constructor(origin) {
    this.origin = origin;
    this.problems = [];
    this.allowedAborts = []; // URL patterns whose net::ERR_ABORTED is expected (downloads)
  }

  async attach(context) {
    // CSP violations reach the page as events; report them as console errors. Init scripts run
    // through the DevTools protocol, outside the page's CSP (and not at all without JavaScript,
    // where Chromium's own "Refused to ..." console message still reports a violation).
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const own = (u) => u.startsWith(this.origin + "/") || u === this.origin;
    context.on("page", (page) => this.watch(page));
    for (const p of context.pages()) this.watch(p);
    context.on("requestfailed", (req) => {
      if (!own(req.url())) return;
      const failure = req.failure()?.errorText || "";
      if (failure.includes("ERR_ABORTED") && this.allowedAborts.some((re) => re.test(req.url()))) return;
      this.problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
    });
    context.on("response", async (res) => {
      if (!own(res.url()) || res.status() < 400) return;
      let hint = "";
      const origin = await res.request().headerValue("origin").catch(() => null);
      if (res.status() === 403 && origin === "null")
        hint =
          " (the browser sent 'Origin: null', as Chromium does for every POST under " +
          "Referrer-Policy: no-referrer, and the server's CSRF check refused it)";
      this.problems.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}${hint}`);
    });
  }

  watch(page) {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      // Chromium asks every site for /favicon.ico by itself; the app has none (a 404 that no
      // page of the app requests). Everything else counts.
      if (/\/favicon\.ico$/.test(msg.location()?.url || "")) return;
      this.problems.push(`console error on ${page.url()}: ${msg.text()} [${msg.location()?.url || ""}]`);
    });
    page.on("pageerror", (err) => this.problems.push(`page error on ${page.url()}: ${err.message}`));
  }

  check(where) {
    if (this.problems.length) {
      const list = this.problems.splice(0);
      throw new Error(`${where}: problems in the browser:\n  ${list.join("\n  ")}`);
    }
  }
}

/// Every guard made by newContext(), so a failing test can show what the browser saw.
export const guards = [];

/// A new context with the guard attached.
export async function newContext(browser, origin, opts = {}) {
  const context = await browser.newContext({ locale: "de-DE", ...opts });
  const guard = new Guard(origin);
  guards.push(guard);
  await guard.attach(context);
  if (process.env.KN_BROWSER_FIX_NULL_ORIGIN === "1") {
    // Diagnosis only, never the default: sends form posts that carry 'Origin: null' with the
    // real origin instead, to see how far the flow gets while the server refuses such posts.
    // Chromium does not let a route change Origin, so Playwright sends these posts itself and
    // hands the answer (a redirect, a page or a download) back to the browser.
    await context.route(`${origin}/**`, async (route) => {
      const headers = await route.request().allHeaders();
      if (route.request().method() !== "POST" || headers.origin !== "null") return route.continue();
      const response = await route.fetch({ headers: { ...headers, origin }, maxRedirects: 0 });
      await route.fulfill({ response });
    });
  }
  context.setDefaultTimeout(10000);
  context.setDefaultNavigationTimeout(15000);
  return { context, guard };
}

/// Full-page PNG under the screenshot folder.
export async function shot(page, dir, name) {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/// Presses Tab until the focused element matches `selector` (at most `max` times).
export async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/// Lower case, no accents, "ß" = "ss": the same folding as the roster search in app.js.
export function fold(s) {
  return s.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");
}

/// Rows of the `;`-separated mail-merge CSV (UTF-8 with BOM, quoted cells).
export function parseCsv(text) {
  text = text.replace(/^\uFEFF/, "");
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") row.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += c;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

export function haveChromium() {
  return existsSync(CHROMIUM);
}
