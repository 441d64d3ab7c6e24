// Opens a generated docs site in real headless Chromium (through playwright-core) and
// checks what a reader relies on: the truth map loads, search finds a metric, the
// metric page shows both versions and its lineage graph, every page loads with no
// console error and no request leaves file://, and every link points at a file that
// exists. Run by tests/docs_site.rs:
//
//   node tests/browser/check_site.mjs SITE_DIR SCREENSHOT.png
//
// with TRUTHLINE_CHROMIUM (the browser) and TRUTHLINE_NODE_MODULES (where
// playwright-core is installed) set, as scripts/test.sh does.
import { createRequire } from "node:module";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [site, screenshot] = process.argv.slice(2);
const browserPath = process.env.TRUTHLINE_CHROMIUM;
const modules = process.env.TRUTHLINE_NODE_MODULES;
if (!site || !screenshot || !browserPath || !modules) {
  console.error("usage: TRUTHLINE_CHROMIUM=… TRUTHLINE_NODE_MODULES=… node check_site.mjs SITE_DIR SCREENSHOT.png");
  process.exit(2);
}
const require = createRequire(join(resolve(modules), "noop.js"));
const { chromium } = require("playwright-core");

const failures = [];
const fail = (msg) => failures.push(msg);
const root = resolve(site);
const url = (rel) => pathToFileURL(join(root, rel)).href;

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith(".html")) out.push(relative(root, p));
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const requests = [];
context.on("request", (r) => requests.push(r.url()));
const page = await context.newPage();
let current = "";
let probingCsp = false;
page.on("console", (m) => {
  if (m.type() !== "error") return;
  if (probingCsp && m.text().includes("Content Security Policy")) return;
  fail(`console error on ${current}: ${m.text()}`);
});
page.on("pageerror", (e) => fail(`script error on ${current}: ${e.message}`));
page.on("requestfailed", (r) => fail(`request failed on ${current}: ${r.url()} (${r.failure()?.errorText})`));

const summary = { pages: 0, links: 0 };
try {
  // The truth map.
  current = "index.html";
  const t0 = Date.now();
  await page.goto(url("index.html"), { waitUntil: "load" });
  summary.index_load_ms = Date.now() - t0;
  const h1 = await page.textContent("h1");
  if (h1?.trim() !== "Truth map") fail(`index.html: h1 is ${JSON.stringify(h1)}, not "Truth map"`);
  for (const domain of ["operational", "analytical", "observational", "experimental"]) {
    if (!(await page.locator("section.domain h3", { hasText: domain }).count())) fail(`index.html: no ${domain} domain`);
  }

  // The content security policy: an inline script (as if contract text had escaped
  // escaping) does not run.
  probingCsp = true;
  await page.addScriptTag({ content: "window.__inlineRan = true;" }).catch(() => {});
  probingCsp = false;
  if (await page.evaluate(() => window.__inlineRan === true)) fail("index.html: an inline script ran despite the content security policy");

  const flows = await page.locator("svg.flowmap a").count();
  if (flows < 2) fail(`index.html: the map of how data moves draws ${flows} systems`);

  // Search, from the index file, as a reader types.
  await page.click("#search");
  await page.keyboard.type("net_revenue");
  const hit = page.locator("#search-results a", { hasText: "net_revenue v2" });
  await hit.first().waitFor({ timeout: 5000 }).catch(() => fail("search: typing net_revenue shows no `net_revenue v2`"));
  summary.search_results = await page.locator("#search-results li").count();
  if (await hit.count()) {
    await hit.first().click();
    await page.waitForLoadState("load");
    if (!page.url().includes("metric/commerce.net_revenue.html")) fail(`search: the result leads to ${page.url()}`);
  }
  // A column name finds its table too.
  await page.goto(url("index.html"));
  await page.fill("#search", "refund_amount");
  await page.locator("#search-results a", { hasText: "refunds" }).first().waitFor({ timeout: 5000 })
    .catch(() => fail("search: the column refund_amount does not find the table refunds"));

  // The metric page: both versions, its lineage graph, its SQL.
  current = "metric/commerce.net_revenue.html";
  await page.goto(url(current), { waitUntil: "load" });
  for (const v of ["v1", "v2"]) {
    if (!(await page.locator(`section.version#${v}`).count())) fail(`${current}: no section for ${v}`);
  }
  const svg = page.locator("figure.graph svg.lineage");
  if ((await svg.count()) !== 1) fail(`${current}: no lineage SVG`);
  else {
    const box = await svg.boundingBox();
    if (!box || box.width < 200 || box.height < 40) fail(`${current}: the lineage SVG is not drawn (${JSON.stringify(box)})`);
    const labels = await page.locator("svg.lineage text").allTextContents();
    for (const want of ["net_revenue v1", "net_revenue v2", "revenue_movements", "finance_dashboard"]) {
      if (!labels.includes(want)) fail(`${current}: the lineage SVG has no node ${want} (has ${labels.join(", ")})`);
    }
  }
  if (!(await page.locator("section#v2 details.sql summary", { hasText: "postgres" }).count())) fail(`${current}: no postgres SQL for v2`);
  if (!(await page.locator("section#v2 .changes li").count())) fail(`${current}: v2 lists no changes from v1`);
  await page.screenshot({ path: screenshot, fullPage: true });

  // Every page: loads without error, and every relative link has its file.
  for (const rel of pages(root)) {
    current = rel;
    await page.goto(url(rel), { waitUntil: "load" });
    summary.pages++;
    // SVG links too: their `href` is not a string, so resolve the attribute.
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => new URL(a.getAttribute("href"), document.baseURI).href));
    for (const h of hrefs) {
      if (!h.startsWith("file://")) { fail(`${rel}: link leaves the site: ${h}`); continue; }
      summary.links++;
      const file = fileURLToPath(h.split("#")[0]);
      if (!existsSync(file)) fail(`${rel}: broken link ${h}`);
    }
  }
} catch (e) {
  fail(`${current}: ${e.stack || e}`);
} finally {
  await browser.close();
}

const outside = requests.filter((r) => !r.startsWith("file://"));
for (const r of [...new Set(outside)]) fail(`network request outside file://: ${r}`);
summary.requests = requests.length;
console.log(JSON.stringify(summary));
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
