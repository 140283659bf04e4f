// depeche's web page: plain JavaScript and SVG, no build step. It reads the API only:
// /v1/stats for the map, the timeline and the graph (aggregates, so it stays quick with
// 100,000 events), /v1/events for the list (cursor pages), /v1/events/{id} and
// /v1/documents/{id} for the article. Spans from the API are UTF-8 byte offsets; they are
// turned into JavaScript string offsets here, at the edge (byteIndex).
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUAD_NAMES = ["no quad class", "verbal cooperation", "material cooperation",
  "verbal conflict", "material conflict"];
const FILTERS = ["actor", "country", "code", "quad", "text", "from", "to"];
const $ = (id) => document.getElementById(id);

let cursor = null;
let world = null;
let loadSeq = 0;

function svgEl(name, attrs, parent) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

function titled(el, text) {
  svgEl("title", {}, el).textContent = text;
  return el;
}

function filters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $("f-" + name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function api(path, params) {
  const url = params && [...params].length ? path + "?" + params : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ code: "bad_response", message: url }));
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

function showError(message) {
  const el = $("filter-error");
  el.hidden = !message;
  el.textContent = message || "";
}

// ---- map ----------------------------------------------------------------------------

async function drawCountries() {
  if (!world) world = await api("/world.json");
  const g = $("countries");
  g.textContent = "";
  for (const c of world.countries) titled(svgEl("path", { d: c.d }, g), c.name);
}

function drawMap(places) {
  const g = $("places");
  g.textContent = "";
  const max = Math.max(1, ...places.map((p) => p.count));
  let total = 0;
  // Large circles first, so small ones stay visible on top.
  for (const p of [...places].sort((a, b) => b.count - a.count)) {
    const r = 0.8 + 5 * Math.sqrt(p.count / max);
    const c = svgEl("circle", {
      cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2), r: r.toFixed(2),
      class: "q" + p.quad, "data-count": p.count,
    }, g);
    titled(c, `${p.count} event(s), ${QUAD_NAMES[p.quad] || ""} (${p.lat}, ${p.lon})`);
    total += p.count;
  }
  $("map").dataset.places = places.length;
  $("map").dataset.total = total;
}

// ---- timeline -----------------------------------------------------------------------

const DAY = 86400000;
const toDay = (s) => Date.parse(s + "T00:00:00Z");
const fromDay = (t) => new Date(t).toISOString().slice(0, 10);

function binOf(t, unit) {
  const d = new Date(t);
  if (unit === "day") return t;
  if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextBin(t, unit) {
  if (unit === "day") return t + DAY;
  if (unit === "week") return t + 7 * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

let timelineBins = [];

function drawTimeline(days) {
  const svg = $("timeline");
  svg.querySelectorAll("g, rect.brush").forEach((el) => el.remove());
  timelineBins = [];
  if (!days.length) {
    svg.dataset.total = 0;
    $("timeline-start").textContent = $("timeline-end").textContent = "";
    $("timeline-unit").textContent = "";
    return;
  }
  const first = toDay(days[0].day);
  const last = toDay(days[days.length - 1].day);
  const span = (last - first) / DAY + 1;
  const unit = span <= 400 ? "day" : span <= 2800 ? "week" : "month";
  $("timeline-unit").textContent = "(events per " + unit + ")";
  const bins = new Map();
  for (let t = binOf(first, unit); t <= last; t = nextBin(t, unit)) {
    bins.set(t, [0, 0, 0, 0, 0]);
  }
  let total = 0;
  for (const d of days) {
    const b = bins.get(binOf(toDay(d.day), unit));
    if (b) b[d.quad] += d.count;
    total += d.count;
  }
  const keys = [...bins.keys()];
  const max = Math.max(1, ...[...bins.values()].map((b) => b.reduce((x, y) => x + y, 0)));
  const w = 800 / keys.length;
  const g = svgEl("g", {}, svg);
  keys.forEach((t, i) => {
    const counts = bins.get(t);
    const sum = counts.reduce((x, y) => x + y, 0);
    timelineBins.push({ start: t, end: nextBin(t, unit) - DAY });
    if (!sum) return;
    let y = 140;
    const bar = svgEl("g", { "data-count": sum }, g);
    titled(bar, `${fromDay(t)}: ${sum} event(s)`);
    for (const q of [4, 3, 2, 1, 0]) {
      if (!counts[q]) continue;
      const h = (counts[q] / max) * 134;
      y -= h;
      svgEl("rect", {
        x: (i * w).toFixed(2), y: y.toFixed(2), width: Math.max(w - 0.5, 0.6).toFixed(2),
        height: h.toFixed(2), class: "q" + q,
      }, bar);
    }
  });
  svg.dataset.total = total;
  svg.dataset.bins = keys.length;
  $("timeline-start").textContent = fromDay(first);
  $("timeline-end").textContent = fromDay(last);
}

function setupBrush() {
  const svg = $("timeline");
  let start = null;
  let brush = null;
  const binAt = (event) => {
    const box = svg.getBoundingClientRect();
    const x = Math.min(Math.max(event.clientX - box.left, 0), box.width - 1);
    return Math.floor((x / box.width) * timelineBins.length);
  };
  const draw = (a, b) => {
    if (!brush) brush = svgEl("rect", { class: "brush", y: 0, height: 140 }, svg);
    const w = 800 / timelineBins.length;
    brush.setAttribute("x", Math.min(a, b) * w);
    brush.setAttribute("width", (Math.abs(b - a) + 1) * w);
  };
  svg.addEventListener("pointerdown", (event) => {
    if (!timelineBins.length) return;
    start = binAt(event);
    svg.querySelectorAll("rect.brush").forEach((el) => el.remove());
    brush = null;
    draw(start, start);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (start !== null) draw(start, binAt(event));
  });
  svg.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const end = binAt(event);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    brush = null;
    $("f-from").value = fromDay(timelineBins[a].start);
    $("f-to").value = fromDay(timelineBins[b].end);
    load();
  });
  svg.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && ($("f-from").value || $("f-to").value)) {
      $("f-from").value = $("f-to").value = "";
      load();
    }
  });
}

// ---- actor graph ----------------------------------------------------------------------

function drawGraph(pairs) {
  const edges = $("edges");
  const nodes = $("nodes");
  edges.textContent = nodes.textContent = "";
  const top = pairs.slice(0, 40);
  const weight = new Map();
  for (const p of top) {
    weight.set(p.actor1, (weight.get(p.actor1) || 0) + p.count);
    weight.set(p.actor2, (weight.get(p.actor2) || 0) + p.count);
  }
  const names = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a) || a.localeCompare(b));
  const pos = new Map();
  const n = names.length;
  names.forEach((name, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
    const r = n > 1 ? 150 : 0;
    pos.set(name, [210 + r * Math.cos(a), 210 + r * Math.sin(a)]);
  });
  const max = Math.max(1, ...top.map((p) => p.count));
  const radius = (name) => 4 + 8 * Math.sqrt(weight.get(name) / Math.max(...weight.values()));
  for (const p of top) {
    const [x1, y1] = pos.get(p.actor1);
    const [x2, y2] = pos.get(p.actor2);
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const r2 = radius(p.actor2) + 2;
    const edge = svgEl(p.actor1 === p.actor2 ? "circle" : "path", p.actor1 === p.actor2
      ? { cx: x1, cy: y1 - 12, r: 10, class: "edge", "stroke-width": 1 + 5 * (p.count / max), "data-count": p.count }
      : {
        d: `M${x1.toFixed(1)} ${y1.toFixed(1)}L${(x2 - ((x2 - x1) * r2) / len).toFixed(1)} ${(y2 - ((y2 - y1) * r2) / len).toFixed(1)}`,
        class: "edge", "stroke-width": (1 + 5 * (p.count / max)).toFixed(2),
        "marker-end": "url(#arrow)", "data-count": p.count,
      }, edges);
    titled(edge, `${p.actor1} → ${p.actor2}: ${p.count} event(s)`);
  }
  for (const name of names) {
    const [x, y] = pos.get(name);
    const g = svgEl("g", {
      class: "node", tabindex: 0, role: "button", "data-actor": name,
      "aria-label": `${name}: ${weight.get(name)} event(s); filter by this actor`,
    }, nodes);
    svgEl("circle", { cx: x, cy: y, r: radius(name).toFixed(1) }, g);
    const anchor = x < 200 ? "end" : x > 220 ? "start" : "middle";
    const dx = anchor === "end" ? -14 : anchor === "start" ? 14 : 0;
    svgEl("text", { x: x + dx, y: y + 3, "text-anchor": anchor }, g).textContent = name;
    const pick = () => { $("f-actor").value = name; load(); };
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); }
    });
  }
  $("graph").dataset.edges = top.length;
  $("graph").dataset.nodes = n;
  $("graph").dataset.total = top.reduce((s, p) => s + p.count, 0);
}

// ---- event list -----------------------------------------------------------------------

function actorText(a) {
  if (!a) return "";
  return a.name ? `${a.code} (${a.name.toLowerCase()})` : a.code;
}

function appendEvents(events) {
  const list = $("events");
  for (const e of events) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.id = e.id;
    const dot = document.createElement("span");
    dot.className = "dot q" + (e.quad_class || 0);
    dot.setAttribute("aria-hidden", "true");
    const day = document.createElement("span");
    day.textContent = e.day || "—";
    const body = document.createElement("span");
    const what = document.createElement("span");
    what.className = "what";
    what.textContent = `${e.code} ${e.name || ""}`;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = " " + actorText(e.actor1) + (e.actor2 ? " → " + actorText(e.actor2) : "");
    body.append(what, who);
    if (e.place && e.place.name) {
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = " · " + e.place.name;
      body.append(where);
    }
    b.append(day, dot, body);
    b.setAttribute("aria-label", `${e.day || ""}: ${e.name || e.code}, ${actorText(e.actor1)}` +
      (e.actor2 ? ` on ${actorText(e.actor2)}` : "") + `, ${QUAD_NAMES[e.quad_class || 0]}`);
    b.addEventListener("click", () => openEvent(e.id, b));
    li.append(b);
    list.append(li);
  }
  list.dataset.count = list.children.length;
}

async function moreEvents() {
  if (!cursor) return;
  const params = filters();
  params.set("cursor", cursor);
  params.set("limit", 100);
  const page = await api("/v1/events", params);
  cursor = page.next_cursor || null;
  appendEvents(page.events);
  $("more").hidden = !cursor;
}

// ---- article --------------------------------------------------------------------------

// For each UTF-8 byte offset of `text`, the offset in the JavaScript string.
function byteIndex(text) {
  const map = new Int32Array(new TextEncoder().encode(text).length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c >= 0x10000) i++;
  }
  map[b] = text.length;
  return map;
}

// Renders `text` with spans [start, end) (byte offsets) marked by classes; overlapping spans
// split the text into segments that carry every class covering them.
function renderMarked(container, text, spans) {
  const at = byteIndex(text);
  const cut = new Set([0, text.length]);
  const marks = spans
    .filter((s) => s.span && s.span[0] < s.span[1] && s.span[1] < at.length)
    .map((s) => ({ start: at[s.span[0]], end: at[s.span[1]], cls: s.cls, title: s.title }));
  for (const m of marks) { cut.add(m.start); cut.add(m.end); }
  const points = [...cut].sort((a, b) => a - b);
  container.textContent = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) { container.append(piece); continue; }
    const classes = [...new Set(covering.map((m) => m.cls))];
    const el = document.createElement(classes.includes("evidence") ? "mark" : "span");
    el.className = classes.join(" ");
    const titles = covering.map((m) => m.title).filter(Boolean);
    if (titles.length) el.title = [...new Set(titles)].join("; ");
    el.textContent = piece;
    container.append(el);
  }
}

function fact(dl, term, value) {
  if (!value) return;
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  dl.append(dt, dd);
}

async function openEvent(id, button) {
  document.querySelectorAll('#events button[aria-current="true"]').forEach((b) => b.removeAttribute("aria-current"));
  if (button) button.setAttribute("aria-current", "true");
  const panel = $("article-panel");
  panel.hidden = false;
  panel.dataset.state = "loading";
  $("article-title").textContent = "Loading…";
  try {
    const record = await api("/v1/events/" + encodeURIComponent(id));
    const mention = record.mentions[0];
    const stored = await api("/v1/documents/" + encodeURIComponent(mention.doc));
    const doc = stored.document;
    const coded = doc.events[mention.index];
    $("article-title").textContent = doc.title || doc.id;
    const facts = $("event-facts");
    facts.textContent = "";
    const dl = document.createElement("dl");
    fact(dl, "Event", `${record.code} ${record.name || ""} (${QUAD_NAMES[record.quad_class || 0]})`);
    fact(dl, "Actors", actorText(record.actor1) + (record.actor2 ? " → " + actorText(record.actor2) : ""));
    fact(dl, "Day", record.day + (record.last_day && record.last_day !== record.day ? " to " + record.last_day : ""));
    fact(dl, "Reported", `${record.num_mentions} mention(s) in ${record.num_articles} article(s)`);
    fact(dl, "Published", doc.published);
    fact(dl, "Source", doc.url || doc.source);
    facts.append(dl);
    const spans = [{ span: mention.span, cls: "evidence", title: "evidence of event " + record.code }];
    spans.push({ span: mention.trigger.span, cls: "trigger", title: "trigger" });
    if (coded) {
      for (const a of [coded.actor1, coded.actor2]) {
        if (a && a.span) spans.push({ span: a.span, cls: "actor", title: "actor " + a.code });
      }
    }
    for (const t of doc.times || []) spans.push({ span: t.span, cls: "time", title: `${t.type} ${t.value || ""}` });
    for (const q of doc.quotes || []) {
      spans.push({ span: q.span, cls: "quote", title: q.speaker ? "quote of " + q.speaker.text : "quote" });
    }
    const text = $("article-text");
    renderMarked(text, doc.text, spans);
    text.dataset.evidence = mention.text;
    panel.dataset.state = "ready";
    panel.dataset.event = id;
    const first = text.querySelector("mark.evidence");
    if (first) first.scrollIntoView({ block: "center" });
    $("article-title").focus();
  } catch (err) {
    panel.dataset.state = "error";
    $("article-title").textContent = "Could not open the event: " + err.message;
  }
}

// ---- loading --------------------------------------------------------------------------

async function load() {
  const seq = ++loadSeq;
  const params = filters();
  showError("");
  $("summary").textContent = "Loading…";
  document.body.dataset.state = "loading";
  try {
    const statsParams = new URLSearchParams(params);
    statsParams.set("top", 400);
    const pageParams = new URLSearchParams(params);
    pageParams.set("limit", 100);
    const [stats, page] = await Promise.all([
      api("/v1/stats", statsParams), api("/v1/events", pageParams), world ? null : drawCountries(),
    ]);
    if (seq !== loadSeq) return;
    drawMap(stats.places);
    drawTimeline(stats.days);
    drawGraph(stats.pairs);
    $("events").textContent = "";
    appendEvents(page.events);
    cursor = page.next_cursor || null;
    $("more").hidden = !cursor;
    const shown = [...params].map(([k, v]) => `${k} ${v}`).join(", ");
    $("summary").textContent = `${stats.events.toLocaleString("en")} event(s)` + (shown ? ` for ${shown}` : "");
    $("summary").dataset.events = stats.events;
    document.body.dataset.state = "ready";
  } catch (err) {
    if (seq !== loadSeq) return;
    showError(err.message);
    $("summary").textContent = "No result.";
    document.body.dataset.state = "error";
  }
}

let suggestTimer = null;
function suggestActors() {
  clearTimeout(suggestTimer);
  const q = $("f-actor").value.trim();
  if (q.length < 2) return;
  suggestTimer = setTimeout(async () => {
    try {
      const found = await api("/v1/entities", new URLSearchParams({ q, limit: 12 }));
      const list = $("actor-list");
      list.textContent = "";
      for (const e of found.entities) {
        const o = document.createElement("option");
        o.value = e.id;
        o.label = `${e.name} (${e.cameo || e.type || ""})`;
        list.append(o);
      }
    } catch (_) { /* suggestions are optional */ }
  }, 200);
}

document.addEventListener("DOMContentLoaded", () => {
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  $("clear").addEventListener("click", () => {
    for (const name of FILTERS) $("f-" + name).value = "";
    load();
  });
  $("more").addEventListener("click", moreEvents);
  $("f-actor").addEventListener("input", suggestActors);
  $("close-article").addEventListener("click", () => {
    $("article-panel").hidden = true;
    const current = document.querySelector('#events button[aria-current="true"]');
    if (current) current.focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("article-panel").hidden && e.target.closest("#article-panel")) {
      $("close-article").click();
    }
  });
  setupBrush();
  load();
});
