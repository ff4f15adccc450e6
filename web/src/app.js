// Marsad observatory page: map (Leaflet + world-atlas borders), timeline, filters, event list and an
// article view with its coded spans highlighted.  Plain browser JavaScript, no framework; everything
// comes from this server (/api/...), so the page works with no internet.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const TYPE_AR = { ASSAULT: "اعتداء", PROTEST: "احتجاج", COERCE: "إكراه", MOBILIZE: "تعبئة", THREATEN: "تهديد",
  ACCUSE: "اتهام", CONSULT: "تشاور", AGREE: "اتفاق", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون",
  AID: "مساعدة", RETREAT: "انسحاب", REQUEST: "طلب", REJECT: "رفض", SANCTION: "عقوبة" };
const COLORS = { ASSAULT: "#d62728", PROTEST: "#1f77b4", COERCE: "#9467bd", MOBILIZE: "#2ca02c" };
const $ = (s) => document.querySelector(s);
const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

let map, markers, selected = null;

async function api(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

async function initMap() {
  map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([30, 30], 4);
  const cfg = await api("/api/config");
  if (cfg.tile_url) L.tileLayer(cfg.tile_url, { maxZoom: 18 }).addTo(map);
  const topo = await (await fetch("/static/vendor/countries-50m.json")).json();
  const countries = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(countries, { style: { className: "country", fillOpacity: cfg.tile_url ? 0 : 1 }, interactive: false })
    .addTo(map);
  map.attributionControl.addAttribution("Natural Earth (world-atlas)");
  markers = L.layerGroup().addTo(map);
}

function params() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (String(v).trim()) p.set(k, String(v).trim());
  return p;
}

async function load() {
  const p = params();
  p.set("limit", "5000");
  let gj, list;
  try {
    [gj, list] = await Promise.all([api("/api/events.geojson?" + p), api("/api/events?" + p + "&limit=200")]);
    $("#filters").removeAttribute("data-error");
  } catch (e) {
    $("#filters").setAttribute("data-error", e.message);
    $("#count").textContent = "— " + e.message;
    return;
  }
  markers.clearLayers();
  const bounds = [];
  for (const f of gj.features) {
    const [lon, lat] = f.geometry.coordinates;
    const ev = f.properties;
    const m = L.circleMarker([lat, lon], { radius: 7, color: COLORS[ev.type] || "#444", weight: 2,
      fillOpacity: 0.6, className: "ev-marker ev-" + ev.type });
    m.bindTooltip(`${TYPE_AR[ev.type] || ev.type} — ${ev.place ? ev.place.name : ""}`, { direction: "top" });
    m.on("click", () => openEvent(ev.pk));
    m.addTo(markers);
    const node = m.getElement();
    if (node) { node.setAttribute("data-place", ev.place ? ev.place.name || "" : ""); node.setAttribute("data-pk", ev.pk); }
    bounds.push([lat, lon]);
  }
  // no animation: a second fitBounds during a running zoom animation would be dropped
  if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 6, animate: false });
  $("#map").setAttribute("data-markers", String(gj.features.length));
  renderList(list);
  renderTimeline(gj.features.map((f) => f.properties));
}

function renderList(list) {
  $("#count").textContent = `(${list.total})`;
  const ol = $("#events");
  ol.replaceChildren();
  for (const ev of list.items) {
    const li = el("li", { "data-pk": ev.pk, "data-type": ev.type, tabindex: "0" });
    li.append(el("span", { class: "type", dir: "ltr" }, ev.type), " ",
      el("span", {}, TYPE_AR[ev.type] || ""), " — ", el("bdi", {}, ev.place ? ev.place.name || "" : ""));
    const who = ev.named_source ? `المصدر: ${ev.speaker}` : ev.anonymous ? "مصدر مجهول" : "بلا إسناد";
    li.append(el("div", { class: "meta" }, `${ev.date.start || ""} · ${ev.outlet || ev.article} · ${who}`));
    li.addEventListener("click", () => openEvent(ev.pk));
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(ev.pk); });
    ol.append(li);
  }
}

function renderTimeline(events) {
  const svg = $("#timeline");
  svg.replaceChildren();
  const byMonth = new Map();
  for (const e of events) if (e.date && e.date.start) {
    const m = e.date.start.slice(0, 7);
    byMonth.set(m, (byMonth.get(m) || 0) + 1);
  }
  const months = [...byMonth.keys()].sort();
  if (!months.length) return;
  // bars sit on a real month axis (a gap of months shows as a gap), time running right-to-left like
  // the page; a label is centred under its bar and drawn only where it does not touch the previous one
  const idx = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const first = idx(months[0]), span = idx(months[months.length - 1]) - first + 1;
  const w = svg.clientWidth || 600, h = 70, max = Math.max(...byMonth.values());
  const bw = Math.max(2, Math.min(40, (w - 20) / span - 2));
  const labelW = 48;   // "2017-03" at 10px, with a margin
  let lastLabel = Infinity;
  for (const m of months) {
    const k = idx(m) - first;
    const bh = ((h - 18) * byMonth.get(m)) / max, x = w - 10 - (k + 1) * (bw + 2);
    const r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    Object.entries({ x, y: h - 14 - bh, width: bw, height: bh, "data-month": m }).forEach(([a, v]) => r.setAttribute(a, v));
    const t = document.createElementNS("http://www.w3.org/2000/svg", "title");
    t.textContent = `${m}: ${byMonth.get(m)}`;
    r.append(t);
    svg.append(r);
    const cx = x + bw / 2;
    if (lastLabel - cx >= labelW && cx - labelW / 2 >= 0) {
      const lab = document.createElementNS("http://www.w3.org/2000/svg", "text");
      lab.setAttribute("x", cx); lab.setAttribute("y", h - 2); lab.setAttribute("text-anchor", "middle");
      lab.textContent = m;
      svg.append(lab);
      lastLabel = cx;
    }
  }
}

// ------------------------------------------------------------ article view with coded spans
function spansOf(rec, current) {
  const spans = [];
  const ents = Object.fromEntries(rec.entities.map((e) => [e.id, e]));
  for (const e of rec.entities) for (const m of e.mentions)
    spans.push({ s: m.start, e: m.end, cls: `ent ent-${e.type}`, tip: `${e.type}: ${e.name}${e.place ? ` (${e.place.country || ""})` : ""}` });
  for (const ev of rec.events) {
    const cur = ev.id === current;
    if (ev.evidence) spans.push({ s: ev.evidence.start, e: ev.evidence.end, cls: "evidence" + (cur ? " current" : ""),
      tip: `${ev.type}${ev.mode ? "/" + ev.mode : ""} · ${ev.status}`, ev: ev.id });
    if (ev.trigger) spans.push({ s: ev.trigger.start, e: ev.trigger.end, cls: "trigger", tip: `${ev.type}: ${ev.trigger.text}` });
  }
  for (const q of rec.quotes) {
    const sp = q.speaker && ents[q.speaker] ? ents[q.speaker].name : q.speaker_text || (q.anonymous ? "مجهول" : "?");
    if (q.content) spans.push({ s: q.content.start, e: q.content.end, cls: "quote", tip: `قول: ${sp}` });
  }
  return spans.filter((x) => Number.isInteger(x.s) && x.e > x.s && x.e <= rec.text.length);
}

function renderText(rec, current) {
  const box = $("#art-text");
  box.replaceChildren();
  const spans = spansOf(rec, current);
  const cuts = new Set([0, rec.text.length]);
  for (const x of spans) { cuts.add(x.s); cuts.add(x.e); }
  const pts = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const cover = spans.filter((x) => x.s <= a && x.e >= b);
    const piece = rec.text.slice(a, b);
    if (!cover.length) { box.append(piece); continue; }
    const span = el("span", { class: [...new Set(cover.flatMap((x) => x.cls.split(" ")))].join(" "),
      "data-tip": cover.map((x) => x.tip).join(" | "), "data-start": a, "data-end": b }, piece);
    const evs = cover.filter((x) => x.ev).map((x) => x.ev);
    if (evs.length) span.setAttribute("data-event", evs.join(" "));
    span.title = span.getAttribute("data-tip");
    span.addEventListener("mouseenter", () => { $("#hoverinfo").textContent = span.getAttribute("data-tip"); });
    box.append(span);
  }
}

async function openEvent(pk) {
  const ev = await api(`/api/events/${pk}`);
  const rec = await api(`/api/articles/${encodeURIComponent(ev.article)}`);
  selected = pk;
  document.querySelectorAll("#events li").forEach((li) => li.classList.toggle("selected", li.dataset.pk === String(pk)));
  $("#article").hidden = false;
  $("#article").setAttribute("data-event", ev.id);
  $("#article").setAttribute("data-article", ev.article);
  $("#art-title").textContent = rec.meta.title || rec.id;
  const who = ev.named_source ? `المصدر: ${ev.speaker}` : ev.anonymous ? "مصدر مجهول" : "بلا إسناد";
  let meta = `${rec.meta.outlet || ""} · ${rec.meta.published || ""} · ${ev.type}${ev.mode ? "/" + ev.mode : ""} · ${who}`;
  if (ev.cluster) {
    try {
      const c = await api(`/api/clusters/${ev.cluster}`);
      if (c.n_reports > 1) meta += ` · ${c.n_reports} تقارير من ${c.independent_outlets} مصادر مستقلة`;
    } catch (e) { /* a cluster of one */ }
  }
  $("#art-meta").textContent = meta;
  renderText(rec, ev.id);
  // bring the article into view by scrolling the window only (scrollIntoView would also pan the map)
  window.scrollTo({ top: $("#article").getBoundingClientRect().top + window.scrollY - 10 });
}

async function main() {
  const sel = $("#f-type");
  for (const t of TYPES) sel.append(el("option", { value: t }, `${TYPE_AR[t]} (${t})`));
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  for (const id of ["#f-type", "#f-status", "#f-source"]) $(id).addEventListener("change", load);
  $("#close-article").addEventListener("click", () => { $("#article").hidden = true; });
  await initMap();
  const s = await api("/api/stats");
  $("#stats").textContent = `${s.articles} مقالة · ${s.events} حدثا · ${s.clusters_multi} حدثا متعدد المصادر`;
  await load();
  document.body.setAttribute("data-ready", "1");
}

main().catch((e) => { document.body.setAttribute("data-error", e.message); console.error(e); });
