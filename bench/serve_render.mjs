// First render of the web page in headless Chromium (bench/serve.sh): time from navigation
// to the page's "ready" state (map, timeline, graph and the first page of the list drawn),
// median of RUNS fresh loads. Uses playwright-core from tests/e2e/node_modules.
import { chromium } from "../tests/e2e/node_modules/playwright-core/index.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.argv[2];
const runs = Number(process.argv[3] || 5);
const profile = mkdtempSync(join(tmpdir(), "depeche-render-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
});
const times = [];
let events = 0;
for (let i = 0; i < runs; i++) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + "/", { waitUntil: "commit" });
  await page.waitForSelector("body[data-state=ready]", { timeout: 60000 });
  times.push(Date.now() - t0);
  events = Number(await page.$eval("#summary", (el) => el.dataset.events));
  await page.close();
}
await context.close();
rmSync(profile, { recursive: true, force: true });
times.sort((a, b) => a - b);
console.log(`first render: ${events} events, median ${times[Math.floor(times.length / 2)]} ms ` +
  `(min ${times[0]}, max ${times[times.length - 1]}, ${runs} loads)`);
