// Browser test of depeche's web page (run by tests/e2e/run.sh): Debian's Chromium, headless,
// driven by playwright-core. The expected counts come from `depeche query` on the same
// database (EXPECT_EVENTS, EXPECT_QUAD4), not from the server under test.
//
// Checks: the page renders the map, the timeline and the graph with the expected counts;
// a filter (quad class 4) narrows all three and the list; opening an event highlights its
// evidence, and the highlighted text equals the evidence the API gives for that event;
// the keyboard opens an event too. Writes a screenshot (SCREENSHOT) for the README.

import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const base = process.env.BASE_URL;
const expectEvents = Number(process.env.EXPECT_EVENTS);
const expectQuad4 = Number(process.env.EXPECT_QUAD4);
const screenshot = process.env.SCREENSHOT;
assert.ok(base && expectEvents > 0 && expectQuad4 > 0, "BASE_URL, EXPECT_EVENTS, EXPECT_QUAD4");

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let failures = 0;
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}\n     ${String(err && err.stack || err).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), "depeche-e2e-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 1000 },
});
const page = context.pages()[0] || await context.newPage();
const errors = [];
page.on("pageerror", (err) => errors.push(String(err)));
page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });

const ready = () => page.waitForSelector("body[data-state=ready]", { timeout: 30000 });
const data = (selector, key) => page.$eval(selector, (el, k) => el.dataset[k], key);

try {
  await check("the page loads and renders", async () => {
    const t0 = Date.now();
    await page.goto(base + "/");
    await ready();
    console.log(`     first render ${Date.now() - t0} ms (not a test: a figure)`);
    assert.equal(Number(await data("#summary", "events")), expectEvents);
  });

  const stats = await (await page.request.get(base + "/v1/stats?top=400")).json();

  await check("the map shows every place with its count", async () => {
    const countries = await page.$$eval("#countries path", (els) => els.length);
    assert.ok(countries > 150, `country outlines: ${countries}`);
    const circles = await page.$$eval("#places circle", (els) => els.map((e) => Number(e.dataset.count)));
    assert.equal(circles.length, stats.places.length);
    assert.ok(circles.length > 0, "no place drawn");
    const located = stats.places.reduce((s, p) => s + p.count, 0);
    assert.equal(circles.reduce((s, c) => s + c, 0), located);
    assert.equal(Number(await data("#map", "total")), located);
  });

  await check("the timeline counts every event", async () => {
    assert.equal(Number(await data("#timeline", "total")), expectEvents);
    const bars = await page.$$eval("#timeline g[data-count]", (els) => els.map((e) => Number(e.dataset.count)));
    assert.equal(bars.reduce((s, c) => s + c, 0), expectEvents);
    assert.ok(bars.length > 1, "one bar only");
  });

  await check("the actor graph draws the actor pairs", async () => {
    const edges = await page.$$eval("#edges [data-count]", (els) => els.map((e) => Number(e.dataset.count)));
    const expected = stats.pairs.slice(0, 40);
    assert.equal(edges.length, expected.length);
    assert.ok(edges.length > 0, "no edge");
    assert.equal(edges.reduce((s, c) => s + c, 0), expected.reduce((s, p) => s + p.count, 0));
    const nodes = await page.$$eval("#nodes .node", (els) => els.map((e) => e.dataset.actor));
    for (const p of expected) assert.ok(nodes.includes(p.actor1) && nodes.includes(p.actor2));
  });

  await check("the event list shows the first page", async () => {
    const items = await page.$$eval("#events li", (els) => els.length);
    assert.equal(items, Math.min(100, expectEvents));
  });

  await check("a filter narrows the map, timeline, graph and list", async () => {
    await page.selectOption("#f-quad", "4");
    await page.click("#apply");
    await page.waitForFunction((n) => document.body.dataset.state === "ready"
      && document.getElementById("summary").dataset.events === String(n), expectQuad4, { timeout: 30000 });
    assert.equal(Number(await data("#timeline", "total")), expectQuad4);
    const dots = await page.$$eval("#events .dot", (els) => els.map((e) => e.className));
    assert.equal(dots.length, Math.min(100, expectQuad4));
    assert.ok(dots.every((c) => c.includes("q4")), "an event of another quad class");
    const circles = await page.$$eval("#places circle", (els) => els.map((e) => e.getAttribute("class")));
    assert.ok(circles.every((c) => c === "q4"), "a place of another quad class");
  });

  await check("opening an event highlights its evidence", async () => {
    const id = await page.$eval("#events button", (b) => b.dataset.id);
    await page.click("#events button");
    await page.waitForSelector("#article-panel[data-state=ready]", { timeout: 30000 });
    const record = await (await page.request.get(`${base}/v1/events/${id}`)).json();
    const evidence = record.mentions[0].text;
    const highlighted = await page.$$eval("#article-text mark.evidence", (els) => els.map((e) => e.textContent).join(""));
    assert.ok(evidence.length > 0);
    assert.equal(highlighted, evidence);
    const trigger = await page.$$eval("#article-text .trigger", (els) => els.map((e) => e.textContent).join(""));
    assert.equal(trigger, record.mentions[0].trigger.text);
    const actors = await page.$$eval("#article-text .actor", (els) => els.length);
    assert.ok(actors > 0, "no actor highlighted");
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert.equal(focused, "article-title");
  });

  await check("the keyboard opens an event", async () => {
    await page.click("#close-article");
    await page.focus("#events li:nth-child(2) button");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => {
      const p = document.getElementById("article-panel");
      const current = document.querySelector('#events button[aria-current="true"]');
      return !p.hidden && p.dataset.state === "ready" && current && p.dataset.event === current.dataset.id;
    }, null, { timeout: 30000 });
  });

  await check("every form control has a label", async () => {
    const unlabelled = await page.$$eval("#filters input, #filters select", (els) =>
      els.filter((e) => !(e.labels && e.labels.length)).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
  });

  await check("clearing the filters brings every event back", async () => {
    await page.click("#clear");
    await page.waitForFunction((n) => document.body.dataset.state === "ready"
      && document.getElementById("summary").dataset.events === String(n), expectEvents, { timeout: 30000 });
  });

  await check("no script error", async () => assert.deepEqual(errors, []));

  if (screenshot) {
    await page.click("#events li:nth-child(6) button");
    await page.waitForSelector("#article-panel[data-state=ready]", { timeout: 30000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`     screenshot: ${screenshot}`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(failures ? `${failures} check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
