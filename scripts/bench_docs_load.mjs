// Times a docs site in real headless Chromium, for scripts/bench_docs.sh: the index
// page's load (navigation start to the `load` event, median of RUNS fresh pages), a
// metric and a system page's, and the first search (which loads search-index.js).
//
//   TRUTHLINE_NODE_MODULES=… node scripts/bench_docs_load.mjs SITE_DIR METRIC_PAGE SYSTEM_PAGE QUERY
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, metric, system, query] = process.argv.slice(2);
const require = createRequire(join(resolve(process.env.TRUTHLINE_NODE_MODULES), "noop.js"));
const { chromium } = require("playwright-core");
const RUNS = 7;
const url = (rel) => pathToFileURL(join(resolve(site), rel)).href;
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.TRUTHLINE_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext();
async function load(rel) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(url(rel), { waitUntil: "load" });
    times.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
    await page.close();
  }
  return Math.round(median(times));
}
const out = { index_load_ms: await load("index.html"), metric_load_ms: await load(metric), system_load_ms: await load(system) };
const searches = [];
for (let i = 0; i < RUNS; i++) {
  const page = await context.newPage();
  await page.goto(url("index.html"), { waitUntil: "load" });
  const t0 = Date.now();
  await page.fill("#search", query);
  await page.locator("#search-results a").first().waitFor();
  searches.push(Date.now() - t0);
  await page.close();
}
out.first_search_ms = median(searches);
await browser.close();
console.log(JSON.stringify(out));
