/* newsfacts report: renders the JSON blocks embedded in this page.
 * Every piece of record text goes into the DOM as a text node (never innerHTML), so hostile
 * article text renders as text. Article blocks are parsed only when an article is opened. */
"use strict";
(function () {
  const KINDS = ["entity", "time", "figure", "event"];
  const KIND_LABEL = { entity: "Entities", time: "Times", figure: "Figures", event: "Event triggers" };
  const KIND_RANK = { event: 0, figure: 1, time: 2, entity: 3, role: 9 };
  const STATUSES = ["missed", "wrong", "extra", "ok", "unscored"];
  const STATUS_LABEL = { ok: "correct", wrong: "wrong value", missed: "missed (gold only)", extra: "extra (system only)", unscored: "system only, not scored" };
  const TYPE_COLORS = {
    attack: "#dc2626", airstrike: "#ea580c", detention: "#7c3aed", military_operation: "#1d4ed8",
    deployment: "#0ea5e9", withdrawal: "#475569", training: "#16a34a", funding: "#ca8a04",
    arms_transfer: "#92400e", agreement: "#0f766e", negotiation: "#c026d3", declaration: "#db2777",
    territorial_change: "#65a30d", other: "#9ca3af",
  };
  const MOD_SIGN = { BEFORE: "<", AFTER: ">", ON_OR_BEFORE: "≤", ON_OR_AFTER: "≥", LESS_THAN: "<", MORE_THAN: ">", EQUAL_OR_LESS: "≤", EQUAL_OR_MORE: "≥", START: "start", MID: "mid", END: "end", APPROX: "≈" };
  const SUB_ORDER = ["precision", "recall", "f1"];
  const subRank = (name) => SUB_ORDER.indexOf(name);
  const PAGE = 100;
  const LIST_PAGE = 200;
  const MAX_MARKS = 1500;
  const SVG = "http://www.w3.org/2000/svg";

  /* ------------------------------------------------------------ small helpers */

  function el(tag, props, ...kids) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined || kid === false) continue;
      node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }
  const blocks = (cls) => Array.from(document.querySelectorAll("script." + cls));
  const parse = (node) => JSON.parse(node.textContent);
  const concat = (cls) => blocks(cls).flatMap(parse);
  const fmtNum = (v) => (v === null || v === undefined ? "—" : Number(v).toLocaleString("en-US", { maximumFractionDigits: 3 }));
  const words = (s) => String(s || "").replace(/_/g, " ");
  const roleNames = (roles) => (roles || []).map((r) => r.canonical || r.text).join(", ");
  const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
  const isoOfDay = (day) => new Date(day * 864e5).toISOString().slice(0, 10);

  function fmtBig(v) {
    if (v === null || v === undefined) return "—";
    const scales = [[1e12, " tn"], [1e9, " bn"], [1e6, " m"]];
    const scale = scales.find(([n]) => Math.abs(v) >= n);
    return scale ? fmtNum(v / scale[0]) + scale[1] : fmtNum(v);
  }
  function fmtTime(t) {
    if (!t) return "—";
    const sign = t.mod ? (MOD_SIGN[t.mod] || t.mod) + " " : "";
    return sign + (t.value || "?");
  }
  function fmtFigure(f) {
    const approx = f.approximate ? "≈ " : "";
    const cur = f.currency ? f.currency + " " : "";
    const unit = f.unit ? " " + f.unit : "";
    let value = fmtBig(f.value);
    if (f.lower !== null && f.lower !== undefined && f.upper !== null && f.upper !== undefined && f.lower !== f.upper) value = fmtBig(f.lower) + "–" + fmtBig(f.upper);
    else if (f.value === null && f.lower !== null && f.lower !== undefined) value = "≥ " + fmtBig(f.lower);
    return approx + cur + value + unit;
  }
  function fmtCasualties(c) {
    if (!c) return "";
    return ["killed", "wounded", "captured"].filter((k) => c[k] !== null && c[k] !== undefined).map((k) => k + " " + c[k]).join(", ");
  }

  /* ------------------------------------------------------------ inspector */

  const Inspector = {
    box: document.getElementById("inspector"),
    pinned: false,
    show(items, pin) {
      if (this.pinned && !pin) return;
      this.pinned = !!pin;
      this.box.replaceChildren();
      this.box.classList.toggle("pinned", this.pinned);
      const head = el("div", { class: "insp-head" }, el("span", { text: this.pinned ? "Pinned record" : "Record under the pointer" }));
      if (this.pinned) head.append(el("button", { class: "link", text: "unpin ✕", onclick: () => this.unpin() }));
      this.box.append(head);
      for (const item of items) this.box.append(card(item));
    },
    unpin() {
      this.pinned = false;
      this.box.classList.remove("pinned");
      const head = this.box.querySelector(".insp-head span");
      if (head) head.textContent = "Record under the pointer";
      const button = this.box.querySelector(".insp-head button");
      if (button) button.remove();
    },
  };
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") Inspector.unpin(); });

  function card(item) {
    const box = el("div", { class: "card k-" + item.kind + (item.status ? " s-" + item.status : "") });
    box.append(el("div", { class: "card-title" }, el("span", { class: "chip k-" + item.kind, text: item.label || item.kind }), el("span", { class: "card-text", text: item.title })));
    if (item.problems && item.problems.length) box.append(el("ul", { class: "problems" }, item.problems.map((p) => el("li", { text: p }))));
    if (item.pairs) {
      for (const [name, record] of item.pairs) {
        box.append(el("div", { class: "pair-name", text: name }));
        box.append(record ? recordTable(record) : el("div", { class: "muted", text: "nothing" }));
      }
    } else {
      box.append(recordTable(item.record));
    }
    return box;
  }

  function isSpan(v) { return v && typeof v === "object" && "start" in v && "end" in v && "text" in v; }

  function fieldValue(key, v) {
    if (isSpan(v) && "type" in v && "value" in v) {
      const range = v.earliest || v.latest ? `  [${v.earliest || "…"} … ${v.latest || "…"}]` : "";
      return el("span", {}, el("q", { text: v.text }), " → ", el("b", { text: fmtTime(v) }), el("span", { class: "muted", text: range + "  " + v.type }));
    }
    if (isSpan(v)) {
      const extra = [v.canonical && v.canonical !== v.text ? "→ " + v.canonical : "", v.label || "", v.lemma ? "lemma " + v.lemma : ""].filter(Boolean).join("  ");
      return el("span", {}, el("q", { text: v.text }), el("span", { class: "muted", text: ` @${v.start}–${v.end}  ${extra}` }));
    }
    if (Array.isArray(v)) {
      if (v.every(isSpan)) return el("div", {}, v.map((s) => el("div", {}, fieldValue(key, s))));
      return el("span", { text: v.map((x) => (typeof x === "object" ? JSON.stringify(x) : x)).join(", ") });
    }
    if (v && typeof v === "object") return recordTable(v, true);
    if (typeof v === "number") return el("span", { text: fmtNum(v) });
    return el("span", { text: String(v) });
  }

  function recordTable(record, nested) {
    const table = el("table", { class: nested ? "rec nested" : "rec" });
    const empty = [];
    for (const [key, v] of Object.entries(record || {})) {
      if (key.startsWith("_")) continue;
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) { empty.push(key); continue; }
      if (!nested && (key === "text" || key === "start" || key === "end") && "start" in record) continue;
      table.append(el("tr", {}, el("th", { text: words(key) }), el("td", {}, fieldValue(key, v))));
    }
    if (!nested && "start" in (record || {})) table.prepend(el("tr", {}, el("th", { text: "span" }), el("td", {}, fieldValue("span", record))));
    if (empty.length) table.append(el("tr", { class: "empty" }, el("th", { text: "empty" }), el("td", { text: empty.map(words).join(", ") })));
    return table;
  }

  /* ------------------------------------------------------------ annotated text */

  /* anns: [{id, kind, start, end, badge, status?}]; overlapping spans are cut into segments,
   * each carrying every annotation that covers it (data-anns), so nothing is hidden. */
  function renderAnnotated(box, text, anns, opts) {
    box.replaceChildren();
    const cuts = new Set([0, text.length]);
    for (const a of anns) { cuts.add(a.start); cuts.add(a.end); }
    const pos = Array.from(cuts).filter((p) => p >= 0 && p <= text.length).sort((x, y) => x - y);
    const sorted = anns.filter((a) => a.end > a.start).sort((x, y) => x.start - y.start);
    let active = [];
    let next = 0;
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < pos.length; i++) {
      const a = pos[i], b = pos[i + 1];
      while (next < sorted.length && sorted[next].start <= a) active.push(sorted[next++]);
      active = active.filter((x) => x.end > a);
      const piece = text.slice(a, b);
      if (!active.length) { frag.append(document.createTextNode(piece)); continue; }
      const cover = active.slice().sort((x, y) => opts.rank(x) - opts.rank(y));
      const seen = cover.filter((c) => !c.hidden);
      const classes = new Set([seen.length ? "hl" : "seg"]);
      for (const c of seen) { classes.add("k-" + c.kind); if (c.status) classes.add("s-" + c.status); }
      if (cover.some((c) => c.bad)) classes.add("bad");
      frag.append(el("span", { class: Array.from(classes).join(" "), "data-anns": cover.map((c) => c.id).join(" "), "data-a": a, "data-b": b, text: piece }));
      if (opts.badges) {
        for (const c of seen) if (c.end === b && c.badge) frag.append(el("span", { class: "badge k-" + c.kind + (c.status ? " s-" + c.status : ""), "data-anns": c.id, text: c.badge }));
      }
    }
    box.append(frag);
  }

  const idsOf = (node) => (node.dataset.anns || "").split(" ").filter(Boolean).map(Number);

  /* Outlines an annotation's segments and, for an event, the spans of its roles; returns its own. */
  function markHot(box, ann, related) {
    box.querySelectorAll(".hot, .rolehot").forEach((n) => n.classList.remove("hot", "rolehot"));
    const roles = new Set(related(ann));
    const own = [];
    for (const n of box.querySelectorAll("[data-anns]")) {
      const ids = idsOf(n);
      if (ids.includes(ann.id)) { n.classList.add("hot"); own.push(n); }
      else if (ids.some((i) => roles.has(i))) n.classList.add("rolehot");
    }
    return own;
  }

  function wireAnnotated(box, annById, toItems, related) {
    const handle = (ev, pin) => {
      const node = ev.target.closest("[data-anns]");
      if (!node || (Inspector.pinned && !pin)) return;
      const anns = idsOf(node).map((id) => annById.get(id)).filter((a) => a && !a.hidden);
      if (!anns.length) return;
      markHot(box, anns[0], related);
      Inspector.show(anns.map(toItems), pin);
    };
    box.addEventListener("mouseover", (ev) => handle(ev, false));
    box.addEventListener("click", (ev) => handle(ev, true));
  }

  function focusAnn(box, ann, toItems, related) {
    const nodes = markHot(box, ann, related);
    if (!nodes.length) return;
    box.querySelectorAll(".flash").forEach((n) => n.classList.remove("flash"));
    nodes.forEach((n) => n.classList.add("flash"));
    nodes[0].scrollIntoView({ block: "center", behavior: "instant" });
    Inspector.show([toItems(ann)], true);
  }

  /* ------------------------------------------------------------ generic table */

  class DataTable {
    constructor(columns, opts) {
      this.columns = columns;
      this.opts = Object.assign({ pageSize: PAGE }, opts);
      this.rows = [];
      this.sort = this.opts.sort || null;
      this.page = 0;
      this.box = el("div", { class: "dt" });
    }
    setRows(rows) { this.rows = rows; this.page = 0; this.render(); }
    sorted() {
      if (!this.sort) return this.rows;
      const col = this.columns.find((c) => c.key === this.sort.key);
      const key = col.sortValue || col.value;
      const dir = this.sort.dir;
      return this.rows.map((r) => [key(r), r]).sort((x, y) => {
        const a = x[0], b = y[0];
        if (a === b) return 0;
        if (a === null || a === undefined || a === "") return 1;
        if (b === null || b === undefined || b === "") return -1;
        return (a < b ? -1 : 1) * dir;
      }).map((p) => p[1]);
    }
    render() {
      const rows = this.sorted();
      const pages = Math.max(1, Math.ceil(rows.length / this.opts.pageSize));
      this.page = Math.min(this.page, pages - 1);
      const shown = rows.slice(this.page * this.opts.pageSize, (this.page + 1) * this.opts.pageSize);
      const head = el("tr", {}, this.columns.map((c) => {
        const mark = this.sort && this.sort.key === c.key ? (this.sort.dir > 0 ? " ▲" : " ▼") : "";
        return el("th", { class: "sortable " + (c.cls || ""), title: "sort by " + c.label, onclick: () => this.toggleSort(c.key) }, c.label + mark);
      }));
      const body = el("tbody", {}, shown.map((r) => {
        const tr = el("tr", { class: this.opts.rowClass ? this.opts.rowClass(r) : "" }, this.columns.map((c) => el("td", { class: c.cls || "" }, c.render ? c.render(r) : String(c.value(r) ?? "—"))));
        if (this.opts.onHover) tr.addEventListener("mouseenter", () => this.opts.onHover(r));
        if (this.opts.onClick) tr.addEventListener("click", () => this.opts.onClick(r));
        return tr;
      }));
      const table = el("table", { class: "grid" }, el("thead", {}, head), body);
      const pager = pages > 1 ? el("div", { class: "pager" },
        el("button", { text: "‹ prev", disabled: this.page === 0, onclick: () => { this.page--; this.render(); } }),
        el("span", { text: ` page ${this.page + 1} of ${pages} · ${rows.length} rows ` }),
        el("button", { text: "next ›", disabled: this.page >= pages - 1, onclick: () => { this.page++; this.render(); } })) : null;
      const empty = rows.length ? null : el("div", { class: "muted pad", text: this.opts.emptyText || "Nothing to show." });
      this.box.replaceChildren(...[table, empty, pager].filter(Boolean));
    }
    toggleSort(key) {
      this.sort = this.sort && this.sort.key === key ? { key, dir: -this.sort.dir } : { key, dir: 1 };
      this.render();
    }
  }

  /* ------------------------------------------------------------ report mode */

  function reportMode(meta) {
    const index = parse(blocks("nf-index")[0]).map((r, i) => ({ i, id: r[0], title: r[1], dct: r[2], source: r[3], nEnt: r[4], nTimes: r[5], status: r[6], lead: r[7] }));
    const articleBlocks = blocks("nf-articles");
    const parsedBlocks = new Map();
    const EVENTS = concat("nf-events");
    const FIGURES = concat("nf-figures");
    EVENTS.forEach((e, i) => { e._i = i; });
    FIGURES.forEach((f, i) => { f._i = i; });
    const eventsOf = new Map(), figuresOf = new Map();
    for (const e of EVENTS) (eventsOf.get(e._a) || eventsOf.set(e._a, []).get(e._a)).push(e);
    for (const f of FIGURES) (figuresOf.get(f._a) || figuresOf.set(f._a, []).get(f._a)).push(f);

    function article(i) {
      const b = Math.floor(i / meta.chunk);
      if (!parsedBlocks.has(b)) parsedBlocks.set(b, parse(articleBlocks[b]));
      return parsedBlocks.get(b)[i % meta.chunk];
    }

    const totals = index.reduce((t, a) => ({ ent: t.ent + a.nEnt, times: t.times + a.nTimes, failed: t.failed + (a.status !== "ok") }), { ent: 0, times: 0, failed: 0 });
    document.getElementById("summary").append(
      pill(index.length, "articles"), pill(totals.ent, "entities", "entity"), pill(totals.times, "times", "time"),
      pill(FIGURES.length, "figures", "figure"), pill(EVENTS.length, "events", "event"), pill(meta.dated, "dated events"),
      ...(totals.failed ? [pill(totals.failed, "failed", "bad")] : []), el("span", { class: "muted src", text: meta.source }));

    const main = document.getElementById("main");
    const state = { type: "", actor: "", location: "", modality: "", text: "", range: null, showAll: false, tab: "articles", current: -1 };

    /* --- filters shared by the timeline and the events table */
    const typeCounts = new Map();
    EVENTS.forEach((e) => typeCounts.set(e.type, (typeCounts.get(e.type) || 0) + 1));
    const typeSelect = el("select", { "aria-label": "event type", onchange: (ev) => { state.type = ev.target.value; refreshEvents(); } },
      el("option", { value: "", text: "all types" }), Array.from(typeCounts).sort().map(([t, n]) => el("option", { value: t, text: `${words(t)} (${n})` })));
    const modSelect = el("select", { "aria-label": "modality", onchange: (ev) => { state.modality = ev.target.value; refreshEvents(); } },
      el("option", { value: "", text: "any modality" }), ["asserted", "planned", "possible", "negated"].map((m) => el("option", { value: m, text: m })));
    const input = (label, key) => el("input", { type: "search", placeholder: label, "aria-label": label, oninput: (ev) => { state[key] = ev.target.value.trim().toLowerCase(); refreshEvents(); } });
    const rangeNote = el("span", { class: "range-note" });
    const filterBar = el("div", { class: "filters" }, el("span", { class: "filters-label", text: "Events:" }), typeSelect, input("actor", "actor"), input("location", "location"), modSelect, input("trigger or sentence", "text"), rangeNote);

    const roleMatch = (roles, q) => roles.some((r) => (r.text + " " + r.canonical).toLowerCase().includes(q));
    function filteredEvents(withRange) {
      return EVENTS.filter((e) => (!state.type || e.type === state.type)
        && (!state.modality || e.modality === state.modality)
        && (!state.actor || roleMatch(e.agents.concat(e.targets), state.actor))
        && (!state.location || roleMatch(e.locations, state.location))
        && (!state.text || (e.trigger.text + " " + e.sentence).toLowerCase().includes(state.text))
        && (!withRange || !state.range || (e._t && dayNumber(e._t[0]) <= state.range[1] && dayNumber(e._t[1]) >= state.range[0])));
    }

    /* --- timeline */
    const timelineBox = el("div", { class: "timeline", id: "timeline" });
    const timelineHead = el("div", { class: "section-head" });
    const typeLegend = el("div", { class: "type-legend" }, Array.from(typeCounts.keys()).sort().map((t) => el("span", { class: "tl-key" }, el("i", { style: "background:" + (TYPE_COLORS[t] || "#888") }), words(t))));
    main.append(el("section", { class: "panel" }, timelineHead, filterBar, timelineBox, typeLegend));

    function drawTimeline() {
      const all = filteredEvents(false);
      const withDate = all.filter((e) => e._t);
      const [lo, hi, trimmed] = timelineBounds(withDate);
      const dated = withDate.filter((e) => dayNumber(e._t[0]) < hi && dayNumber(e._t[1]) + 1 > lo);
      const outside = withDate.length - dated.length;
      const notes = [`${dated.length} dated events shown`, `${all.length - withDate.length} undated`];
      if (outside) notes.push(`${outside} outside this range`);
      if (dated.length > MAX_MARKS) notes.push(`counts per bar: filter or zoom to under ${MAX_MARKS} for one mark per event`);
      timelineHead.replaceChildren(el("h2", { text: "Timeline" }), el("span", { class: "muted", text: notes.join(" · ") + " · a mark spans its date's granularity (a month-level date spans the month) · drag to zoom" }));
      if (state.range) timelineHead.append(el("button", { class: "link", text: "reset zoom", onclick: () => { state.range = null; refreshEvents(); } }));
      else if (trimmed) timelineHead.append(el("button", { class: "link", text: "show all dates", onclick: () => { state.showAll = true; refreshEvents(); } }));
      timelineBox.replaceChildren();
      if (!dated.length) { timelineBox.append(el("div", { class: "muted pad", text: EVENTS.length ? "No dated events match the filters." : "No events in this output." })); return; }
      const width = Math.max(400, timelineBox.clientWidth || 900);
      const left = 8, right = 8, axisH = 24, laneH = 20;
      const x = (d) => left + ((d - lo) / (hi - lo)) * (width - left - right);
      const root = svg("svg", { width, class: "tl-svg", role: "img", "aria-label": "events timeline" });
      const axis = svg("g", { class: "axis" });
      for (const t of axisTicks(lo, hi, (width - left - right) / 90)) {
        axis.append(svg("line", { x1: x(t.day), x2: x(t.day), y1: 0, y2: "100%", class: "tick" }));
        const label = svg("text", { x: x(t.day) + 3, y: 14 });
        label.textContent = t.label;
        axis.append(label);
      }
      root.append(axis);
      const height = dated.length > MAX_MARKS ? histogram(root, dated, lo, hi, x, axisH) : lanes(root, dated, x, axisH, laneH, lo, hi);
      root.setAttribute("height", height);
      timelineBox.append(root);
      brush(root, lo, hi, left, width - right);
    }

    /* The zoom range, else the data's range; a few far-off dates (a mis-normalized "2080")
     * would squash the rest, so the default view drops the outer 1% when that widens it 3×. */
    function timelineBounds(dated) {
      if (state.range) return [state.range[0], state.range[1] + 1, false];
      if (!dated.length) return [0, 1, false];
      const starts = dated.map((e) => dayNumber(e._t[0])).sort((a, b) => a - b);
      const ends = dated.map((e) => dayNumber(e._t[1]) + 1).sort((a, b) => a - b);
      let lo = starts[0], hi = ends[ends.length - 1], trimmed = false;
      if (!state.showAll && dated.length >= 50) {
        const rlo = starts[Math.floor(starts.length * 0.01)], rhi = ends[Math.ceil(ends.length * 0.99) - 1];
        if (hi - lo > 3 * (rhi - rlo)) { lo = rlo; hi = rhi; trimmed = true; }
      }
      const pad = Math.max(15, (hi - lo) * 0.02);
      return [lo - pad, hi + pad, trimmed];
    }

    function lanes(root, dated, x, top, laneH, lo, hi) {
      const ends = [];
      const sorted = dated.slice().sort((a, b) => dayNumber(a._t[0]) - dayNumber(b._t[0]) || dayNumber(b._t[1]) - dayNumber(a._t[1]));
      for (const e of sorted) {
        const d0 = Math.max(lo, dayNumber(e._t[0])), d1 = Math.min(hi, dayNumber(e._t[1]) + 1);
        const x0 = x(d0), w = Math.max(5, x(d1) - x0);
        let lane = ends.findIndex((end) => end + 2 <= x0);
        if (lane < 0) { lane = ends.length; ends.push(0); }
        ends[lane] = x0 + w;
        const g = svg("g", { class: "tl-mark m-" + e.modality + " g-" + e._t[2], "data-ev": e._i, transform: `translate(${x0},${top + lane * laneH})` });
        g.append(svg("rect", { width: w, height: laneH - 4, rx: 3, fill: TYPE_COLORS[e.type] || "#888" }));
        const label = e.trigger.text;
        const fits = Math.floor((w - 8) / 6.3);
        if (fits >= 4) {
          const t = svg("text", { x: 4, y: laneH - 8 });
          t.textContent = label.length > fits ? label.slice(0, fits - 1) + "…" : label;
          g.append(t);
        }
        g.addEventListener("mouseenter", () => Inspector.show([eventItem(e)], false));
        g.addEventListener("click", (ev) => { ev.stopPropagation(); openEvidence(e); });
        root.append(g);
      }
      return top + Math.max(1, ends.length) * laneH + 4;
    }

    function histogram(root, dated, lo, hi, x, top) {
      const monthly = hi - lo < 365 * 30;
      const counts = new Map();
      for (const e of dated) {
        const key = monthly ? e._t[0].slice(0, 7) : e._t[0].slice(0, 4);
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      const peak = Math.max(...counts.values());
      const h = 120;
      for (const [key, n] of counts) {
        const d0 = dayNumber(key + (monthly ? "-01" : "-01-01"));
        const d1 = monthly ? dayNumber(isoOfDay(d0 + 32).slice(0, 7) + "-01") : dayNumber(String(+key + 1) + "-01-01");
        const bar = svg("rect", { class: "tl-bar", x: x(d0), width: Math.max(2, x(d1) - x(d0) - 1), y: top + h - (h * n) / peak, height: (h * n) / peak });
        const tip = svg("title", {});
        tip.textContent = `${key}: ${n} events`;
        bar.append(tip);
        root.append(bar);
      }
      return top + h + 6;
    }

    function brush(root, lo, hi, xmin, xmax) {
      let start = null, band = null;
      const toDay = (px) => lo + ((px - xmin) / (xmax - xmin)) * (hi - lo);
      const local = (ev) => ev.clientX - root.getBoundingClientRect().left;
      root.addEventListener("mousedown", (ev) => {
        if (ev.target.closest(".tl-mark")) return;
        start = local(ev);
        band = svg("rect", { class: "brush", x: start, y: 0, width: 0, height: "100%" });
        root.append(band);
      });
      root.addEventListener("mousemove", (ev) => {
        if (start === null) return;
        const now = local(ev);
        band.setAttribute("x", Math.min(start, now));
        band.setAttribute("width", Math.abs(now - start));
      });
      const finish = (ev) => {
        if (start === null) return;
        const now = local(ev);
        const a = Math.min(start, now), b = Math.max(start, now);
        start = null;
        band.remove();
        if (b - a < 6) return;
        state.range = [Math.floor(toDay(a)), Math.ceil(toDay(b))];
        refreshEvents();
      };
      root.addEventListener("mouseup", finish);
      root.addEventListener("mouseleave", finish);
    }

    /* --- tabs */
    const tabs = el("nav", { class: "tabs" });
    const panes = {};
    for (const [key, label] of [["articles", "Articles"], ["events", "Events"], ["figures", "Figures"]]) {
      const count = { articles: index.length, events: EVENTS.length, figures: FIGURES.length }[key];
      tabs.append(el("button", { class: "tab", "data-tab": key, onclick: () => showTab(key) }, label, el("span", { class: "count", text: count })));
      panes[key] = el("section", { class: "pane", "data-pane": key });
    }
    main.append(tabs, ...Object.values(panes));
    function showTab(key) {
      state.tab = key;
      tabs.querySelectorAll(".tab").forEach((b) => b.classList.toggle("active", b.dataset.tab === key));
      Object.entries(panes).forEach(([k, p]) => { p.hidden = k !== key; });
    }

    /* --- events table */
    const eventColumns = (withArticle) => [
      { key: "date", label: "When", value: (e) => fmtTime(e.time), sortValue: (e) => (e._t ? e._t[0] + e._t[1] : null), cls: "nowrap",
        render: (e) => el("span", { title: e._t ? `${e._t[0]} … ${e._t[1]} (${e._t[2]})` : "undated" }, fmtTime(e.time)) },
      { key: "type", label: "Type", value: (e) => e.type, render: (e) => el("span", { class: "type", style: "--c:" + (TYPE_COLORS[e.type] || "#888") }, words(e.type)) },
      { key: "trigger", label: "Trigger", value: (e) => e.trigger.text.toLowerCase(), render: (e) => el("q", { text: e.trigger.text }) },
      { key: "agents", label: "Agents", value: (e) => roleNames(e.agents) },
      { key: "targets", label: "Targets", value: (e) => roleNames(e.targets) },
      { key: "locations", label: "Locations", value: (e) => roleNames(e.locations) },
      { key: "casualties", label: "Casualties", value: (e) => fmtCasualties(e.casualties), sortValue: (e) => (e.casualties.killed || 0) + (e.casualties.wounded || 0) + (e.casualties.captured || 0) },
      { key: "modality", label: "Modality", value: (e) => e.modality },
      withArticle ? { key: "article", label: "Article", value: (e) => (index[e._a] || { id: e.article_id }).id, cls: "id" } : null,
      { key: "go", label: "", value: () => "", render: (e) => el("button", { class: "link", text: "evidence ↗", title: "show the trigger in the text", onclick: (ev) => { ev.stopPropagation(); openEvidence(e); } }) },
    ].filter(Boolean);
    const eventsTable = new DataTable(eventColumns(true), { sort: { key: "date", dir: 1 }, onHover: (e) => Inspector.show([eventItem(e)], false), onClick: (e) => openEvidence(e), emptyText: "No events match the filters." });
    panes.events.append(el("p", { class: "muted", text: "Filter with the controls above the timeline; click a column to sort, a row to see its evidence in the text." }), eventsTable.box);

    function refreshEvents() {
      rangeNote.textContent = state.range ? `zoomed to ${isoOfDay(state.range[0])} … ${isoOfDay(state.range[1])}` : "";
      eventsTable.setRows(filteredEvents(true));
      drawTimeline();
    }

    /* --- figures table */
    const figureColumns = (withArticle) => [
      { key: "text", label: "Text", value: (f) => f.text, render: (f) => el("q", { text: f.text }) },
      { key: "value", label: "Value", value: (f) => f.value, sortValue: (f) => f.value, cls: "num", render: (f) => el("b", { text: fmtFigure(f) }) },
      { key: "unit", label: "Unit / currency", value: (f) => [f.currency, f.unit].filter(Boolean).join(" ") },
      { key: "dimension", label: "Dimension", value: (f) => f.dimension },
      { key: "measured", label: "Measured", value: (f) => f.measured },
      { key: "kind", label: "Kind", value: (f) => f.kind },
      { key: "when", label: "When", value: (f) => (f.time ? fmtTime(f.time) : null), sortValue: (f) => (f.time ? f.time.earliest || f.time.value : null) },
      { key: "locations", label: "Where", value: (f) => roleNames(f.locations) },
      withArticle ? { key: "article", label: "Article", value: (f) => (index[f._a] || { id: f.article_id }).id, cls: "id" } : null,
      { key: "go", label: "", value: () => "", render: (f) => el("button", { class: "link", text: "evidence ↗", onclick: (ev) => { ev.stopPropagation(); openEvidence(f); } }) },
    ].filter(Boolean);
    const figureTable = new DataTable(figureColumns(true), { onHover: (f) => Inspector.show([figureItem(f)], false), onClick: (f) => openEvidence(f), emptyText: "No figures match." });
    const dims = Array.from(new Set(FIGURES.map((f) => f.dimension))).sort();
    const figState = { dim: "", q: "" };
    const refreshFigures = () => figureTable.setRows(FIGURES.filter((f) => (!figState.dim || f.dimension === figState.dim) && (!figState.q || (f.text + " " + (f.measured || "") + " " + (f.unit || "") + " " + (f.currency || "")).toLowerCase().includes(figState.q))));
    panes.figures.append(el("div", { class: "filters" },
      el("select", { "aria-label": "dimension", onchange: (ev) => { figState.dim = ev.target.value; refreshFigures(); } }, el("option", { value: "", text: "all dimensions" }), dims.map((d) => el("option", { value: d, text: d }))),
      el("input", { type: "search", placeholder: "measured, unit or text", oninput: (ev) => { figState.q = ev.target.value.trim().toLowerCase(); refreshFigures(); } })), figureTable.box);

    /* --- articles */
    const listBox = el("div", { class: "alist" });
    const articleBox = el("div", { class: "article" });
    const listState = { q: "", page: 0 };
    panes.articles.append(el("div", { class: "articles" }, el("div", { class: "sidebar" },
      el("input", { type: "search", placeholder: "filter articles: id, title, source", oninput: (ev) => { listState.q = ev.target.value.trim().toLowerCase(); listState.page = 0; drawList(); } }), listBox), articleBox));

    function drawList() {
      const q = listState.q;
      const rows = q ? index.filter((a) => (a.id + " " + (a.title || a.lead || "") + " " + (a.source || "")).toLowerCase().includes(q)) : index;
      const pages = Math.max(1, Math.ceil(rows.length / LIST_PAGE));
      listState.page = Math.min(listState.page, pages - 1);
      const shown = rows.slice(listState.page * LIST_PAGE, (listState.page + 1) * LIST_PAGE);
      listBox.replaceChildren(el("div", { class: "muted small", text: `${rows.length} of ${index.length} articles` }),
        ...shown.map((a) => el("button", { class: "aitem" + (a.i === state.current ? " active" : "") + (a.status !== "ok" ? " failed" : ""), "data-i": a.i, onclick: () => openArticle(a.i) },
          el("div", { class: "aitem-title", text: a.title || a.lead || a.id }),
          el("div", { class: "aitem-meta" }, el("span", { class: "aid", text: a.id }), el("span", { text: a.dct || "no date" }),
            el("span", { class: "mini k-event", text: (eventsOf.get(a.i) || []).length + " ev" }),
            el("span", { class: "mini k-figure", text: (figuresOf.get(a.i) || []).length + " fig" }),
            el("span", { class: "mini k-time", text: a.nTimes + " t" })))));
      if (pages > 1) listBox.append(el("div", { class: "pager" },
        el("button", { text: "‹", disabled: listState.page === 0, onclick: () => { listState.page--; drawList(); } }),
        el("span", { text: ` ${listState.page + 1} / ${pages} ` }),
        el("button", { text: "›", disabled: listState.page >= pages - 1, onclick: () => { listState.page++; drawList(); } })));
    }

    const shown = { entity: true, time: true, figure: true, event: true, badges: true };
    let current = null;

    function openArticle(i, focus) {
      state.current = i;
      const a = article(i);
      const events = eventsOf.get(i) || [], figures = figuresOf.get(i) || [];
      const anns = [];
      const rolesOf = new Map();
      const add = (kind, span, record, badge, role) => {
        const bad = a.text.slice(span.start, span.end) !== span.text;
        anns.push({ id: anns.length, kind, start: span.start, end: span.end, record, badge, role, bad, hidden: kind === "role" });
        if (kind === "role") rolesOf.get(record).push(anns.length - 1);
      };
      a.entities.forEach((e) => add("entity", e, e, null));
      a.times.forEach((t) => add("time", t, t, fmtTime(t)));
      figures.forEach((f) => add("figure", f, f, fmtFigure(f)));
      events.forEach((e) => {
        rolesOf.set(e, []);
        for (const name of ["agents", "targets", "locations"]) e[name].forEach((r) => add("role", r, e, null, name));
        for (const name of ["time", "attribution"]) if (e[name]) add("role", e[name], e, null, name);
        add("event", e.trigger, e, words(e.type));
        (e.mentions || []).filter((m) => m.start !== e.trigger.start).forEach((m) => add("event", m, e, null, "mention"));
      });
      current = { i, a, anns, events, figures, related: (x) => (x.kind === "event" ? rolesOf.get(x.record) : []) };
      const ungrounded = anns.filter((x) => x.bad).length;
      const counts = Object.fromEntries(KINDS.map((k) => [k, anns.filter((x) => x.kind === k && x.role !== "mention").length]));
      const legend = el("div", { class: "legend" }, KINDS.map((k) => el("label", { class: "lg k-" + k },
        el("input", { type: "checkbox", checked: shown[k], onchange: (ev) => { shown[k] = ev.target.checked; drawText(); } }), el("span", { class: "sw k-" + k }), `${KIND_LABEL[k]} (${counts[k]})`)),
        el("label", { class: "lg" }, el("input", { type: "checkbox", checked: shown.badges, onchange: (ev) => { shown.badges = ev.target.checked; drawText(); } }), "values inline"));
      const metaLine = el("div", { class: "ameta" },
        chip("id", a.id), chip("date", a.dct.value ? `${a.dct.value} (${a.dct.source})` : "none"), a.source ? chip("source", a.source) : null,
        a.published ? chip("published", a.published) : null, a.origin ? chip("file", a.origin) : null,
        a.url && /^https?:\/\//i.test(a.url) ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank", text: "original ↗" }) : null,
        a.model ? chip("model", `${a.model.name} ${a.model.version}`) : null);
      const notes = [];
      if (a.status !== "ok" && a.error) notes.push(el("div", { class: "error" }, el("b", { text: a.error.type + " " }), a.error.message, el("span", { class: "muted", text: "  at " + a.error.where })));
      for (const w of a.warnings) notes.push(el("div", { class: "warning", text: w }));
      if (ungrounded) notes.push(el("div", { class: "warning", text: `${ungrounded} span(s) do not match the text at their offsets (shown with a red wavy underline).` }));
      const textBox = el("div", { class: "text", id: "article-text" });
      const evTable = new DataTable(eventColumns(false), { sort: { key: "date", dir: 1 }, onHover: (e) => Inspector.show([eventItem(e)], false), onClick: (e) => openEvidence(e), emptyText: "No events extracted from this article." });
      const figTable = new DataTable(figureColumns(false), { onHover: (f) => Inspector.show([figureItem(f)], false), onClick: (f) => openEvidence(f), emptyText: "No figures extracted from this article." });
      articleBox.replaceChildren(el("h2", { text: a.title || a.id }), metaLine, ...notes, legend, textBox,
        el("h3", { text: `Events in this article (${events.length})` }), evTable.box,
        el("h3", { text: `Figures in this article (${figures.length})` }), figTable.box);
      evTable.setRows(events);
      figTable.setRows(figures);
      const byId = new Map(anns.map((x) => [x.id, x]));
      wireAnnotated(textBox, byId, annItem, current.related);
      drawText();
      drawList();
      showTab("articles");
      if (focus) {
        const target = anns.find((x) => x.record === focus && !x.hidden && x.role !== "mention");
        if (target) focusAnn(textBox, target, annItem, current.related);
      } else {
        articleBox.scrollTop = 0;
      }
    }

    function drawText() {
      if (!current) return;
      const box = document.getElementById("article-text");
      renderAnnotated(box, current.a.text, current.anns.filter((x) => shown[x.hidden ? "event" : x.kind]), { rank: (x) => KIND_RANK[x.kind], badges: shown.badges });
    }

    function openEvidence(record) {
      if (record._a < 0) return;
      if (state.current !== record._a || !current) openArticle(record._a, record);
      else {
        showTab("articles");
        const target = current.anns.find((x) => x.record === record && !x.hidden && x.role !== "mention");
        if (target) focusAnn(document.getElementById("article-text"), target, annItem, current.related);
      }
    }

    function annItem(x) {
      if (x.kind === "event") return eventItem(x.record);
      if (x.kind === "figure") return figureItem(x.record);
      if (x.kind === "time") return { kind: "time", label: "time", title: x.record.text, record: x.record };
      return { kind: "entity", label: x.record.label, title: x.record.text, record: x.record };
    }
    function eventItem(e) { return { kind: "event", label: words(e.type), title: e.trigger.text + (e._t ? "  ·  " + fmtTime(e.time) : ""), record: e }; }
    function figureItem(f) { return { kind: "figure", label: "figure", title: fmtFigure(f) + (f.measured ? " " + f.measured : ""), record: f }; }

    showTab("articles");
    drawList();
    refreshEvents();
    refreshFigures();
    if (index.length) openArticle(0);
    window.addEventListener("resize", () => drawTimeline());
  }

  function chip(name, value) { return el("span", { class: "kv" }, el("span", { class: "k", text: name }), el("span", { class: "v", text: value })); }
  function pill(n, label, kind) { return el("span", { class: "pill" + (kind ? " k-" + kind : "") }, el("b", { text: fmtNum(n) }), " " + label); }

  function axisTicks(lo, hi, maxTicks) {
    const spanDays = hi - lo;
    const steps = [[1, "day"], [7, "day"], [1, "month"], [3, "month"], [6, "month"], [1, "year"], [2, "year"], [5, "year"], [10, "year"], [20, "year"], [50, "year"], [100, "year"]];
    const approx = { day: 1, month: 30.44, year: 365.25 };
    const [n, unit] = steps.find(([k, u]) => spanDays / (k * approx[u]) <= Math.max(2, maxTicks)) || steps[steps.length - 1];
    const first = new Date(lo * 864e5);
    let y = first.getUTCFullYear(), m = first.getUTCMonth(), d = first.getUTCDate();
    if (unit === "year") { y = Math.ceil(y / n) * n; m = 0; d = 1; } else if (unit === "month") { m = Math.ceil(m / n) * n; d = 1; }
    const ticks = [];
    for (let guard = 0; guard < 500; guard++) {
      const day = Date.UTC(y, m, d) / 864e5;
      if (day > hi) break;
      if (day >= lo) {
        const iso = isoOfDay(day);
        ticks.push({ day, label: unit === "year" ? iso.slice(0, 4) : unit === "month" ? iso.slice(0, 7) : iso });
      }
      if (unit === "year") y += n; else if (unit === "month") m += n; else d += n;
    }
    return ticks;
  }

  /* ------------------------------------------------------------ eval diff mode */

  function diffMode(meta) {
    const entries = parse(blocks("nf-diff")[0]);
    const main = document.getElementById("main");
    const summary = document.getElementById("summary");
    const all = entries.flatMap((e) => e.notes);
    const tally = (notes, s) => notes.filter((n) => n.status === s).length;
    summary.append(pill(entries.length, "gold articles"), ...STATUSES.slice(0, 4).map((s) => pill(tally(all, s), STATUS_LABEL[s], "s-" + s)), el("span", { class: "muted src", text: `${meta.source} vs ${meta.gold}` }));

    const overall = scoreTable(groupOverall(meta.overall), false);
    const failures = meta.baseline_failures.length ? el("div", { class: "error" }, el("b", { text: "Below baseline: " }), meta.baseline_failures.join("; ")) : el("div", { class: "ok-note", text: "All scores at or above the baseline." });
    main.append(el("section", { class: "panel" }, el("div", { class: "section-head" }, el("h2", { text: "Overall" }), el("span", { class: "muted", text: "means over the gold articles" })), failures, overall));

    const shown = Object.fromEntries(KINDS.concat(STATUSES).map((k) => [k, true]));
    const list = el("div", { class: "alist" });
    const pane = el("div", { class: "article" });
    main.append(el("section", { class: "pane" }, el("div", { class: "articles" }, el("div", { class: "sidebar" }, list), pane)));
    let currentIndex = 0;

    function drawList() {
      list.replaceChildren(...entries.map((e, i) => el("button", { class: "aitem" + (i === currentIndex ? " active" : ""), onclick: () => open(i) },
        el("div", { class: "aitem-title", text: e.id }),
        el("div", { class: "aitem-meta" }, ["missed", "wrong", "extra"].map((s) => el("span", { class: "mini s-" + s, text: `${tally(e.notes, s)} ${s}` }))))));
    }

    function open(i) {
      currentIndex = i;
      drawList();
      const entry = entries[i];
      pane.replaceChildren(el("h2", { text: entry.id }));
      if (entry.scores && entry.scores.error) pane.append(el("div", { class: "error", text: entry.scores.error }));
      if (entry.text === null) { pane.append(el("div", { class: "error", text: "This gold article is not in the output." })); return; }
      const kinds = Object.entries(entry.scores || {});
      pane.append(scoreTable(kinds, true));
      const anns = entry.notes.map((n, id) => Object.assign({ id, badge: badgeOf(n), record: n }, n));
      const counts = (key, value) => anns.filter((x) => x[key] === value).length;
      const legend = el("div", { class: "legend" },
        STATUSES.map((s) => el("label", { class: "lg" }, el("input", { type: "checkbox", checked: shown[s], onchange: (ev) => { shown[s] = ev.target.checked; draw(); } }), el("span", { class: "sw s-" + s }), `${STATUS_LABEL[s]} (${counts("status", s)})`)),
        el("span", { class: "sep" }),
        KINDS.map((k) => el("label", { class: "lg" }, el("input", { type: "checkbox", checked: shown[k], onchange: (ev) => { shown[k] = ev.target.checked; draw(); } }), `${KIND_LABEL[k]} (${counts("kind", k)})`)));
      const textBox = el("div", { class: "text diff", id: "diff-text" });
      const misses = kinds.flatMap(([kind, r]) => (r.misses || []).map((m) => el("li", {}, el("span", { class: "chip k-" + kindOf(kind), text: kind }), " ", m)));
      pane.append(legend, textBox, el("h3", { text: `Misses as scored (${misses.length})` }), el("ul", { class: "misses" }, misses));
      const byId = new Map(anns.map((x) => [x.id, x]));
      const toItem = (x) => ({ kind: x.kind, status: x.status, label: `${x.kind} · ${STATUS_LABEL[x.status]}`, title: entry.text.slice(x.start, x.end), problems: x.problems, pairs: [["gold", x.gold], ["system", x.system]] });
      wireAnnotated(textBox, byId, toItem, () => []);
      const rank = (x) => STATUSES.indexOf(x.status) * 10 + KIND_RANK[x.kind];
      function draw() { renderAnnotated(textBox, entry.text, anns.filter((x) => shown[x.kind] && shown[x.status]), { rank, badges: true }); }
      draw();
    }
    const kindOf = (plural) => ({ times: "time", figures: "figure", events: "event", entities: "entity" }[plural] || plural);
    function badgeOf(n) {
      const rec = n.system || n.gold;
      if (n.status === "ok" || n.status === "unscored") return null;
      if (n.kind === "time") return n.status === "wrong" ? `${fmtTime(n.system)} ≠ ${fmtTime(n.gold)}` : fmtTime(rec);
      if (n.kind === "figure") return n.status === "wrong" ? `${fmtFigure(n.system)} ≠ ${fmtFigure(n.gold)}` : fmtFigure(rec);
      if (n.kind === "event") return words(rec.type) + (n.status === "wrong" ? " ≠" : "");
      return n.status === "wrong" ? `${n.system.label} ≠ ${n.gold.label}` : rec.label;
    }
    /* "times.span.precision" → ["times", {span: {precision: …}}], the shape of one article's scores. */
    function groupOverall(flat) {
      const kinds = new Map();
      for (const [name, value] of Object.entries(flat)) {
        const [kind, metric, sub] = name.split(".");
        if (!kinds.has(kind)) kinds.set(kind, {});
        const group = kinds.get(kind);
        if (sub === undefined) group[metric === undefined ? kind : metric] = value;
        else (group[metric] = group[metric] || {})[sub] = value;
      }
      return Array.from(kinds);
    }
    function scoreTable(kinds, counts) {
      return el("table", { class: "grid scores" },
        el("thead", {}, el("tr", {}, el("th", { text: "kind" }), el("th", { text: "scores" }), counts ? el("th", { class: "num", text: "gold / system" }) : null)),
        el("tbody", {}, kinds.map(([kind, r]) => el("tr", {}, el("td", { text: kind }),
          el("td", {}, Object.entries(r).filter(([k]) => !["misses", "gold", "system"].includes(k)).map(([k, v]) => el("div", { class: "score" }, el("span", { class: "metric", text: k }),
            typeof v === "object" ? Object.entries(v).sort(([a], [b]) => subRank(a) - subRank(b)).map(([sk, sv]) => el("span", { class: "sub" }, sk + " ", scoreBar(sv))) : scoreBar(v)))),
          counts ? el("td", { class: "num", text: `${r.gold ?? "—"} / ${r.system ?? "—"}` }) : null))));
    }
    function scoreBar(v) {
      const pct = Math.round(Number(v) * 100);
      return el("span", { class: "sbar", title: String(v) }, el("i", { style: `width:${Math.max(0, Math.min(100, pct)) / 2}px` }), el("b", { text: Number(v).toFixed(2) }));
    }
    drawList();
    if (entries.length) open(0);
  }

  const META = parse(blocks("nf-meta")[0]);
  document.body.classList.add("mode-" + META.mode);
  if (META.mode === "diff") diffMode(META);
  else reportMode(META);
})();
