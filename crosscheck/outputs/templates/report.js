/* crosscheck report: draws findings, evidence and articles from the embedded JSON on demand.
 * Corpus text only ever reaches the page through textContent / createTextNode, never as markup,
 * and only http(s) URLs become links. Nothing here makes a network request. */
(function () {
  "use strict";
  const t0 = performance.now();
  const DATA = JSON.parse(document.getElementById("crosscheck-data").textContent);
  const SEV = { error: 2, warning: 1, info: 0 };
  const PAGE = 100;          // finding rows drawn per "show more"
  const SUMMARY_PAGE = 50;
  const VARIANT_PAGE = 10;
  const ARTICLE_PAGE = 60;
  const CONTEXT = 200;       // characters of context either side of a passage
  const KINDS = ["quote", "name", "place", "date", "number", "speaker"];
  const REVIEW_LABEL = {
    accepted: "not a discrepancy", confirmed: "confirmed discrepancy",
    "needs-rereview": "needs re-review", unreviewed: "to review",
  };

  const $ = (id) => document.getElementById(id);
  const LEGEND = $("legend");
  const NARROW = window.matchMedia("(max-width: 900px)");  // the evidence opens over the page
  const srcById = new Map();
  DATA.sources.forEach((s, i) => { s.index = i; srcById.set(s.id, s); });
  const byId = new Map();
  const bySource = new Map();
  DATA.findings.forEach((f, i) => {
    f.index = i;
    f.text = (DATA.texts[f.source] || "").slice(f.start, f.end);  // the words are not stored twice
    f.message = f.message || "";
    byId.set(f.id, f);
    if (!bySource.has(f.source)) bySource.set(f.source, []);
    bySource.get(f.source).push(f);
  });

  /* ---- small DOM helpers: text is always a text node ---- */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") node.className = v;
        else if (k === "href") { const h = safeHref(v); if (h) node.setAttribute("href", h); }
        else if (k === "text") node.textContent = v;
        else node.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const c of children) append(node, c);
    return node;
  }
  function append(node, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach((x) => append(node, x)); return; }
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  // In-page anchors and http(s) only: a javascript: or data: URL never becomes a link.
  function safeHref(h) {
    h = String(h);
    if (h.startsWith("#")) return h;
    return /^https?:\/\/[^\s\u0000-\u001f]+$/i.test(h) ? h : null;
  }
  // the manifest's language tag, when it looks like one, so screen readers and hyphenation follow the text
  function langOf(id) {
    const s = srcById.get(id);
    return s && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(s.language || "") ? s.language : null;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function sourceLabel(id) {
    const s = srcById.get(id);
    if (!s) return id;
    if (s.role === "reference") return "the record";
    return excerpt(s.outlet || s.title || s.id, 40);
  }
  function sevBadge(sev) { return el("span", { class: "sev sev-" + sev }, sev); }
  function excerpt(s, n) { s = String(s).replace(/\s+/g, " "); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }

  /* ---- review decisions, kept in this browser ---- */
  const STORE = DATA.storage_key + ":decisions";
  const REVIEWER = "crosscheck:reviewer";
  let decisions = {};
  function loadDecisions() {
    try {
      const raw = JSON.parse(localStorage.getItem(STORE) || "{}");
      for (const [id, d] of Object.entries(raw || {})) {
        if (d && (d.status === "accepted" || d.status === "confirmed")) decisions[id] = d;
      }
    } catch (e) { decisions = {}; }
  }
  function saveDecisions() {
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); } catch (e) { /* private mode: memory only */ }
    updateExport();
  }
  function reviewStatus(f) {
    const d = decisions[f.id];
    if (d) return d.status;
    return (f.review && f.review.status) || "unreviewed";
  }
  function today() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }
  function decide(f, status, note) {
    if (!status) { delete decisions[f.id]; saveDecisions(); return; }
    const reviewer = $("reviewer").value.trim();
    decisions[f.id] = {
      id: f.id, status: status, note: note || "", reviewer: reviewer || null, date: today(),
      kind: f.kind, source: f.source, text: f.text,
    };
    saveDecisions();
  }
  let exportUrl = null;
  function updateExport() {
    const list = Object.keys(decisions).sort().map((id) => decisions[id]);
    $("decision-count").textContent = plural(list.length, "decision") + " in this browser";
    const a = $("export");
    if (exportUrl) URL.revokeObjectURL(exportUrl);
    exportUrl = null;
    if (!list.length) { a.removeAttribute("href"); a.setAttribute("aria-disabled", "true"); return; }
    const doc = { format: "crosscheck-decisions", version: 1, decisions: list };
    exportUrl = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" }));
    a.setAttribute("href", exportUrl);
    a.setAttribute("aria-disabled", "false");
  }

  /* ---- summary ---- */
  let summaryAll = false;  // false: count what still needs a decision; true: every finding
  function isTodo(f) { const rs = reviewStatus(f); return rs === "unreviewed" || rs === "needs-rereview"; }
  function sourceCounts(id) {
    const c = { quotes: {}, kinds: {}, sev: { error: 0, warning: 0, info: 0 }, total: 0, accepted: 0, confirmed: 0, todo: 0 };
    for (const f of bySource.get(id) || []) {
      const rs = reviewStatus(f);
      if (rs === "accepted" || rs === "confirmed") c[rs]++; else c.todo++;
      if (!summaryAll && !isTodo(f)) continue;
      c.total++;
      c.sev[f.severity] = (c.sev[f.severity] || 0) + 1;
      if (f.kind === "quote") c.quotes[f.verdict] = (c.quotes[f.verdict] || 0) + 1;
      const k = (c.kinds[f.kind] = c.kinds[f.kind] || { error: 0, warning: 0, info: 0 });
      k[f.severity] = (k[f.severity] || 0) + 1;
    }
    return c;
  }
  const press = DATA.sources.filter((s) => s.role === "press");
  let counts, summaryOrder, maxTotal;
  let summaryShown = 0;
  function computeSummary() {
    counts = new Map(press.map((s) => [s.id, sourceCounts(s.id)]));
    summaryOrder = press.slice().sort((a, b) => {
      const p = counts.get(a.id), q = counts.get(b.id), x = p.sev, y = q.sev;
      return (y.error - x.error) || (y.warning - x.warning) || (y.info - x.info) ||
        (q.confirmed - p.confirmed) || (a.index - b.index);
    });
    maxTotal = Math.max(1, ...press.map((s) => counts.get(s.id).total));
  }
  function totals() {
    const t = { error: 0, warning: 0, info: 0, todo: 0, accepted: 0, confirmed: 0, all: DATA.findings.length };
    for (const f of DATA.findings) {
      const rs = reviewStatus(f);
      if (rs === "accepted" || rs === "confirmed") t[rs]++;
      else { t.todo++; t[f.severity]++; }
    }
    return t;
  }
  function drawTotals() {
    const t = totals();
    for (const k of Object.keys(t)) { const n = document.querySelector(`#totals [data-count="${k}"]`); if (n) n.textContent = String(t[k]); }
  }
  function redrawSummary() {
    const shownBefore = Math.max(SUMMARY_PAGE, summaryShown);
    computeSummary();
    $("summary-rows").textContent = "";
    summaryShown = 0;
    if (!summaryOrder.length) drawSummary();
    else while (summaryShown < Math.min(shownBefore, summaryOrder.length)) drawSummary();
    const b = $("summary-toggle");
    b.setAttribute("aria-pressed", summaryAll ? "true" : "false");
    b.textContent = summaryAll ? "Count only what needs a decision" : "Count all findings, reviewed too";
    $("summary-mode").textContent = summaryAll ? "all findings, most severe first" : "what still needs a decision, most first";
    drawTotals();
  }
  function sevCounts(c) {
    const out = [];
    for (const sev of ["error", "warning", "info"]) {
      if (c && c[sev]) out.push(el("span", { class: "cnt " + sev, title: plural(c[sev], sev) }, String(c[sev])), " ");
    }
    return out.length ? out : el("span", { class: "dash", title: "none" }, "\u2013");
  }
  function drawSummary() {
    const body = $("summary-rows");
    const end = Math.min(summaryOrder.length, summaryShown + SUMMARY_PAGE);
    for (let i = summaryShown; i < end; i++) {
      const s = summaryOrder[i], c = counts.get(s.id);
      const verdicts = Object.keys(c.quotes).sort().map((v) => el("span", null, c.quotes[v] + " " + v));
      const bar = el("div", { class: "bar", role: "img",
        "aria-label": `${c.sev.error} errors, ${c.sev.warning} warnings, ${c.sev.info} info` + (summaryAll ? "" : " to review") });
      for (const sev of ["error", "warning", "info"]) {
        if (!c.sev[sev]) continue;
        const seg = el("span", { class: "b-" + sev, title: plural(c.sev[sev], sev) });
        seg.style.width = (100 * c.sev[sev] / maxTotal) + "%";
        bar.appendChild(seg);
      }
      const row = el("tr", { "data-source": s.id },
        el("td", { class: "article" },
          el("div", { class: "title" }, s.title || s.id),
          el("div", { class: "outlet" }, [s.outlet, s.published].filter(Boolean).join(" \u00b7 ") || s.id),
          el("div", { class: "links" },
            el("a", { href: "#findings", "data-filter-source": s.id }, "findings"),
            el("a", { href: "#a-" + s.id }, "read the article"))),
        el("td", { class: "verdicts", "data-label": "Quotes" }, verdicts.length ? verdicts : el("span", { class: "dash" }, "no quotes")),
        ...[["name", "Names"], ["place", "Places"], ["date", "Dates"], ["number", "Numbers"], ["speaker", "Speakers"]].map(
          ([k, label]) => el("td", { class: "num", "data-label": label }, sevCounts(c.kinds[k]))),
        el("td", { class: "sevs", "data-label": summaryAll ? "Findings" : "To review" }, bar, el("div", { class: "barlabel" },
          `${c.sev.error} error${c.sev.error === 1 ? "" : "s"}, ${c.sev.warning} warning${c.sev.warning === 1 ? "" : "s"}, ${c.sev.info} info` +
          (summaryAll ? "" : " to review")),
          el("div", { class: "reviewed" },
            el("span", { class: "tag rev-confirmed" }, plural(c.confirmed, "confirmed discrepancy").replace("discrepancys", "discrepancies")), " ",
            el("span", { class: "tag rev-accepted" }, c.accepted + " not a discrepancy"))));
      body.appendChild(row);
    }
    summaryShown = end;
    const more = $("summary-more");
    more.hidden = summaryShown >= summaryOrder.length;
    more.textContent = `Show more articles (${summaryOrder.length - summaryShown} more)`;
    if (!summaryOrder.length) body.appendChild(el("tr", null, el("td", { colspan: 8, class: "empty" }, "No press article in this corpus.")));
    $("summary-head-sev").textContent = summaryAll ? "Findings by severity" : "To review, by severity";
  }

  /* ---- findings list: filter the array, draw a page of rows ---- */
  const filt = { source: $("f-source"), kind: $("f-kind"), verdict: $("f-verdict"),
    severity: $("f-severity"), review: $("f-review"), q: $("f-search") };
  function fillSelect(sel, values, label) {
    for (const v of values) sel.appendChild(el("option", { value: v }, label ? label(v) : v));
  }
  function distinct(key) { return [...new Set(DATA.findings.map((f) => f[key]))]; }
  fillSelect(filt.source, DATA.sources.filter((s) => bySource.has(s.id)).map((s) => s.id),
    (id) => { const s = srcById.get(id); return s.id + (s.outlet || s.title ? " \u2013 " + excerpt(s.outlet || s.title, 40) : ""); });
  fillSelect(filt.kind, KINDS.filter((k) => distinct("kind").includes(k)).concat(distinct("kind").filter((k) => !KINDS.includes(k)).sort()));
  fillSelect(filt.verdict, distinct("verdict").sort());
  fillSelect(filt.severity, ["error", "warning", "info"].filter((s) => distinct("severity").includes(s)));
  fillSelect(filt.review, ["unreviewed", "accepted", "confirmed", "needs-rereview", "local"],
    (v) => v === "local" ? "decided in this browser" : REVIEW_LABEL[v]);

  let visible = DATA.findings;
  let shown = 0;
  let current = null;
  function haystack(f) {
    if (f._hay === undefined) {
      const s = srcById.get(f.source) || {};
      f._hay = fold([f.text, f.message, f.expected, f.verdict, f.kind, f.id, f.speaker, f.source,
        s.title, s.outlet, f.ref && f.ref.speaker].filter(Boolean).join("\n"));
    }
    return f._hay;
  }
  function applyFilters() {
    const t = performance.now();
    const v = {};
    for (const k of Object.keys(filt)) v[k] = filt[k].value;
    const words = fold(v.q).split(/\s+/).filter(Boolean);
    visible = DATA.findings.filter((f) => {
      if (v.source && f.source !== v.source) return false;
      if (v.kind && f.kind !== v.kind) return false;
      if (v.verdict && f.verdict !== v.verdict) return false;
      if (v.severity && f.severity !== v.severity) return false;
      if (v.review) {
        if (v.review === "local") { if (!decisions[f.id]) return false; }
        else if (reviewStatus(f) !== v.review) return false;
      }
      if (words.length) { const h = haystack(f); for (const w of words) if (!h.includes(w)) return false; }
      return true;
    });
    drawFindings();
    document.documentElement.dataset.filterMs = (performance.now() - t).toFixed(1);
  }
  function findingRow(f) {
    const rs = reviewStatus(f);
    const a = el("a", { class: "row", href: "#f-" + f.id, "data-id": f.id },
      el("span", { class: "sevcell" }, sevBadge(f.severity)),
      el("span", { class: "meta" },
        el("span", { class: "tag" }, f.kind), el("span", { class: "tag" }, f.verdict),
        rs !== "unreviewed" ? el("span", { class: "tag rev-" + rs }, REVIEW_LABEL[rs] + (decisions[f.id] ? " (this browser)" : "")) : null,
        el("span", null, sourceLabel(f.source) + (f.line ? ", line " + f.line : ""))),
      el("span", { class: "quote" }, el("span", { class: "q" }, excerpt(f.text, 180)),
        f.expected ? el("span", { class: "msg" }, "  \u2192 record: " + excerpt(f.expected, 80)) : null),
      el("span", { class: "msg" }, f.message));
    return el("li", { id: "f-" + f.id, class: current === f ? "current" : null }, a);
  }
  function drawFindings(upTo) {
    const list = $("finding-list");
    list.textContent = "";
    shown = 0;
    drawMore(upTo);
    const total = DATA.findings.length;
    $("finding-count").textContent = visible.length === total ? plural(total, "finding")
      : `${visible.length} of ${plural(total, "finding")} shown by the filters`;
    if (!visible.length) list.appendChild(el("li", { class: "empty" }, "No finding matches these filters."));
  }
  function drawMore(upTo) {
    const list = $("finding-list");
    const end = Math.min(visible.length, Math.max(shown + PAGE, upTo === undefined ? 0 : upTo + 1));
    const frag = document.createDocumentFragment();
    for (let i = shown; i < end; i++) frag.appendChild(findingRow(visible[i]));
    list.appendChild(frag);
    shown = end;
    const more = $("finding-more");
    more.hidden = shown >= visible.length;
    more.textContent = `Show more (${visible.length - shown} more)`;
  }
  function ensureRow(f) {
    // a finding opened by link or key: make sure its row exists in the list
    let i = visible.indexOf(f);
    if (i < 0) {
      for (const k of Object.keys(filt)) filt[k].value = "";
      visible = DATA.findings;
      i = f.index;
      drawFindings(i);
    } else if (i >= shown) {
      drawMore(i);
    }
    return document.getElementById("f-" + f.id);
  }

  /* ---- evidence ---- */
  function contextBounds(text, start, end, lo, hi) {
    // widen to the paragraph, at most CONTEXT characters, cut on a space
    let a = Math.max(lo, text.lastIndexOf("\n", start - 1) + 1, start - CONTEXT);
    let b = text.indexOf("\n", end); b = Math.min(hi, b < 0 ? text.length : b, end + CONTEXT);
    if (a > lo && a < start && text[a - 1] !== "\n") { const sp = text.indexOf(" ", a); if (sp >= 0 && sp < start) a = sp + 1; }
    if (b < hi && b > end && text[b] !== "\n") { const sp = text.lastIndexOf(" ", b); if (sp > end) b = sp; }
    return [a, b];
  }
  function passage(text, start, end, marks, side, lo, hi, lang) {
    lo = lo || 0; hi = hi === undefined ? text.length : hi;
    const [a, b] = contextBounds(text, start, end, lo, hi);
    const box = el("div", { class: "passage", lang: lang });
    if (a > lo && text[a - 1] !== "\n") box.appendChild(el("span", { class: "ctx" }, "\u2026"));
    box.appendChild(el("span", { class: "ctx" }, text.slice(a, start)));
    const span = el("mark", { class: "d-span" });
    let pos = start;
    for (const [ms, me, kind] of (marks || [])) {
      if (ms > pos) span.appendChild(document.createTextNode(text.slice(pos, ms)));
      const word = text.slice(ms, me);
      let node;
      if (kind === "rep") node = el("span", { class: "d-rep", title: side === "article" ? "replaces the record's words" : "replaced in the article" }, word);
      else if (kind === "del") node = el("del", { class: "d-del", title: "only in the record" }, word);
      else node = el("ins", { class: "d-ins", title: "only in the article" }, word);
      span.appendChild(node);
      pos = me;
    }
    if (end > pos) span.appendChild(document.createTextNode(text.slice(pos, end)));
    box.appendChild(span);
    box.appendChild(el("span", { class: "ctx" }, text.slice(end, b)));
    if (b < hi && text[b] !== "\n") box.appendChild(el("span", { class: "ctx" }, "\u2026"));
    return box;
  }
  function articleMarks(f) { return ((f.ref && f.ref.changes) || []).filter((c) => c[2] > c[1]).map((c) => [c[1], c[2], c[0]]); }
  function recordMarks(f) { return ((f.ref && f.ref.changes) || []).filter((c) => c[4] > c[3]).map((c) => [c[3], c[4], c[0]]); }
  function hasChanges(f) { return !!(f.ref && f.ref.changes && f.ref.changes.length); }
  // The article's words in reading order, with the record's missing or replaced words struck in place.
  function inlineDiff(f) {
    const box = el("div", { class: "inline" });
    const at = DATA.texts[f.source] || "", rt = DATA.texts[f.ref.source] || "";
    let pos = f.start;
    for (const [kind, a0, a1, r0, r1] of f.ref.changes || []) {
      if (a0 > pos) box.appendChild(document.createTextNode(at.slice(pos, a0)));
      if (r1 > r0) {
        const d = el("del", { class: "d-del" + (kind === "rep" ? " d-rep" : ""), title: kind === "rep" ? "the record's words, replaced" : "only in the record" }, rt.slice(r0, r1));
        // a pure deletion is anchored after the previous word: put a space on the open side
        if (a0 === a1 && a0 > f.start) box.appendChild(document.createTextNode(" "));
        box.appendChild(d);
        if (a1 > a0 || a0 === f.start) box.appendChild(document.createTextNode(" "));
      }
      if (a1 > a0) box.appendChild(el("ins", { class: "d-ins" + (kind === "rep" ? " d-rep" : ""), title: kind === "rep" ? "the article's words, replacing" : "only in the article" }, at.slice(a0, a1)));
      pos = Math.max(pos, a1);
    }
    if (f.end > pos) box.appendChild(document.createTextNode(at.slice(pos, f.end)));
    return box;
  }
  function sourceLine(s, extra) {
    return el("div", { class: "src" },
      el("span", { class: "who" }, s.outlet || s.title || s.id),
      s.outlet && s.title ? [" \u2014 ", el("cite", null, s.title)] : null,
      s.published ? " (" + s.published + ")" : null,
      s.url ? [" ", el("a", { href: s.url, rel: "noreferrer" }, "link")] : null,
      extra || null);
  }
  function showFinding(f, opts) {
    opts = opts || {};
    current = f;
    document.querySelectorAll("#finding-list li.current").forEach((n) => n.classList.remove("current"));
    const row = opts.noList ? document.getElementById("f-" + f.id) : ensureRow(f);
    if (row) {
      row.classList.add("current");
      if (opts.scroll) row.scrollIntoView({ block: "nearest" });
    }
    document.querySelectorAll(".atext mark.current").forEach((n) => n.classList.remove("current"));
    document.querySelectorAll(`.atext mark[data-id="${f.id}"]`).forEach((n) => n.classList.add("current"));
    const body = $("evidence-body");
    body.textContent = "";
    const s = srcById.get(f.source) || { id: f.source };
    const text = DATA.texts[f.source] || "";
    body.appendChild(el("h2", null, "Evidence"));
    body.appendChild(el("div", { class: "ev-head" },
      el("div", { class: "badges" }, sevBadge(f.severity), el("span", { class: "tag" }, f.kind),
        el("span", { class: "tag" }, f.verdict),
        f.score != null ? el("span", { class: "tag", title: "share of the record's words found in the passage" }, "similarity " + Math.round(f.score * 100) + "%") : null),
      el("p", null, f.message),
      el("div", { class: "ev-links" },
        el("a", { href: "#f-" + f.id, title: "link to this finding" }, "#f-" + f.id),
        el("a", { href: "#a-" + f.source, "data-open-span": f.id }, "show in the article"),
        s.path ? el("span", null, s.path + (f.line ? ":" + f.line + ":" + f.column : "")) : null)));
    if (f.expected || f.kind !== "quote") {
      body.appendChild(el("dl", { class: "facts" },
        el("dt", null, "The article says"), el("dd", null, el("span", { class: "q" }, f.text)),
        f.expected ? [el("dt", null, "The record says"), el("dd", null, el("span", { class: "q" }, f.expected))] : null,
        f.speaker ? [el("dt", null, "Attributed to"), el("dd", null, f.speaker + (f.via ? " (via " + f.via + ")" : ""))] : null));
    }
    const ref = f.ref;
    const left = el("div", { class: "side" }, el("h3", null, "The article"), sourceLine(s),
      f.speaker && f.kind === "quote" ? el("div", { class: "src" }, "Quote attributed to ", el("b", null, f.speaker),
        f.via ? " (via " + f.via + ")" : null) : null,
      passage(text, f.start, f.end, articleMarks(f), "article", 0, text.length, langOf(f.source)));
    let right;
    if (ref) {
      const rs = srcById.get(ref.source) || { id: ref.source };
      const rel = ref.release != null ? (DATA.releases[ref.source] || [])[ref.release] : null;
      const rtext = DATA.texts[ref.source] || "";
      right = el("div", { class: "side" }, el("h3", null, "The record"),
        el("div", { class: "src" },
          rel ? (rel.url ? el("a", { href: rel.url, rel: "noreferrer" }, rel.title) : el("cite", null, rel.title))
            : (rs.url ? el("a", { href: rs.url, rel: "noreferrer" }, rs.title || rs.id) : el("cite", null, rs.title || rs.id)),
          rel && (rel.date || rel.place) ? " (" + [rel.place, rel.date].filter(Boolean).join(", ") + ")" : null),
        el("div", { class: "src" }, "Speaker: ", ref.speaker ? el("b", null, ref.speaker) : el("span", { class: "none" }, "not identified")),
        passage(rtext, ref.start, ref.end, recordMarks(f), "record", rel ? rel.start : 0, rel ? rel.end : rtext.length, langOf(ref.source)));
      if (f.verdict === "unattested") right.insertBefore(el("p", { class: "none" }, "Closest passage only: it does not support the quote."), right.children[1]);
    } else {
      right = el("div", { class: "side" }, el("h3", null, "The record"),
        el("p", { class: "none" }, f.kind === "quote" ? "No passage of the record supports this quote." : "The record has no matching passage."));
    }
    body.appendChild(el("div", { class: "sides" }, left, right));
    if (hasChanges(f)) {
      body.appendChild(el("h3", null, "Word by word"));
      body.appendChild(inlineDiff(f));
    }
    body.appendChild(LEGEND);  // right under the marks it explains
    body.appendChild(reviewBox(f));
    if (opts.focusPanel) {
      $("evidence").scrollTop = 0;
      if (NARROW.matches) openOverlay();
    }
  }
  /* On a narrow screen the evidence is an overlay over the list, with a way back to it. */
  let overlayFrom = null;
  function openOverlay() {
    if (!document.body.classList.contains("ev-open")) overlayFrom = window.scrollY;
    document.body.classList.add("ev-open");
    $("evidence").setAttribute("role", "dialog");
    $("evidence").setAttribute("aria-modal", "true");
    $("evidence").scrollTop = 0;
    $("evidence-back").focus({ preventScroll: true });
  }
  function closeOverlay() {
    if (!document.body.classList.contains("ev-open")) return false;
    document.body.classList.remove("ev-open");
    $("evidence").removeAttribute("role");
    $("evidence").removeAttribute("aria-modal");
    const row = current && document.querySelector(`#f-${CSS.escape(current.id)} a.row`);
    if (row) { row.scrollIntoView({ block: "center" }); row.focus({ preventScroll: true }); }
    else if (overlayFrom != null) window.scrollTo(0, overlayFrom);
    return true;
  }
  function reviewBox(f) {
    const committed = f.review;
    const local = decisions[f.id];
    const note = el("textarea", { id: "review-note", placeholder: "Note (why this is acceptable, or what is wrong)" });
    note.value = local ? local.note : "";
    const status = el("p", { class: "status" });
    if (committed) {
      status.appendChild(el("span", { class: "tag rev-" + committed.status }, REVIEW_LABEL[committed.status] || committed.status));
      status.appendChild(document.createTextNode(" in the reviews file" +
        (committed.reviewer ? " by " + committed.reviewer : "") + (committed.date ? ", " + committed.date : "") +
        (committed.note ? ": " + committed.note : "")));
      if (committed.previous) {
        const p = committed.previous;
        status.appendChild(el("span", { class: "prev" }, " Earlier decision on slightly different words: " +
          (REVIEW_LABEL[p.status] || p.status || "?") + (p.note ? " (" + p.note + ")" : "") + (p.text ? " on \u00ab" + p.text + "\u00bb" : "")));
      }
    } else {
      status.textContent = "Not in the reviews file.";
    }
    const saved = el("span", { class: "saved", "aria-live": "polite" }, local ? `Decided in this browser: ${REVIEW_LABEL[local.status]} (${local.date}).` : "");
    const buttons = [["accepted", "Not a discrepancy"], ["confirmed", "Real discrepancy"]].map(([st, label]) => {
      const b = el("button", { type: "button", "data-status": st, "aria-pressed": local && local.status === st ? "true" : "false" }, label);
      b.addEventListener("click", () => { decide(f, st, note.value.trim()); refreshAfterDecision(f); });
      return b;
    });
    const clear = el("button", { type: "button", "data-status": "" }, "Clear");
    clear.addEventListener("click", () => { decide(f, null); refreshAfterDecision(f); });
    note.addEventListener("change", () => { if (decisions[f.id]) { decisions[f.id].note = note.value.trim(); saveDecisions(); } });
    return el("div", { class: "review" }, el("h3", null, "Your review"), status,
      el("div", { class: "choices" }, buttons, clear), note, saved);
  }
  function refreshAfterDecision(f) {
    const li = document.getElementById("f-" + f.id);
    if (li) li.replaceWith(findingRow(f));
    showFinding(f, { noList: false, keepOpen: true });
    redrawSummary();
  }

  /* ---- quote variants ---- */
  const VERSIONS = 8;  // versions drawn per passage before "show all"
  let variantsShown = 0;
  function versionItem(ids) {
    const f = DATA.findings[ids[0]];
    const names = ids.slice(0, 6).map((i) => sourceLabel(DATA.findings[i].source));
    return el("li", null,
      el("div", { class: "vwho" }, sevBadge(f.severity), el("span", { class: "tag" }, f.verdict),
        el("b", null, names.join(", ") + (ids.length > 6 ? ` and ${ids.length - 6} more` : "")),
        el("a", { href: "#f-" + f.id }, "evidence")),
      el("div", { class: "vtext" }, hasChanges(f) ? inlineDiff(f) : el("span", { class: "q" }, f.text)));
  }
  function drawVariants() {
    const box = $("variant-groups");
    if (!DATA.variants.length) {
      if (!box.firstChild) box.appendChild(el("p", { class: "empty" }, "No passage of the record is quoted by more than one outlet."));
      return;
    }
    const end = Math.min(DATA.variants.length, variantsShown + VARIANT_PAGE);
    for (let i = variantsShown; i < end; i++) {
      const g = DATA.variants[i];
      const rtext = DATA.texts[g.reference] || "";
      const first = DATA.findings[g.versions[0][0]];
      const rel = first.ref.release != null ? (DATA.releases[g.reference] || [])[first.ref.release] : null;
      const ol = el("ol", null, g.versions.slice(0, VERSIONS).map(versionItem));
      const group = el("div", { class: "vgroup" },
        el("div", { class: "vref-meta" }, `Quoted by ${g.sources} sources — the record`,
          rel ? [": ", el("cite", null, rel.title)] : null, first.ref.speaker ? [" — ", el("b", null, first.ref.speaker)] : null),
        el("div", { class: "vref" }, rtext.slice(g.start, g.end)), ol);
      if (g.versions.length > VERSIONS) {
        const all = el("button", { type: "button" }, `Show all ${g.versions.length} versions`);
        all.addEventListener("click", () => { g.versions.slice(VERSIONS).forEach((v) => ol.appendChild(versionItem(v))); all.remove(); });
        group.appendChild(all);
      }
      box.appendChild(group);
    }
    variantsShown = end;
    const more = $("variant-more");
    more.hidden = variantsShown >= DATA.variants.length;
    more.textContent = `Show more passages (${DATA.variants.length - variantsShown} more)`;
  }

  /* ---- people ---- */
  function drawPeople() {
    const body = $("people-rows");
    if (!DATA.people.length) {
      body.appendChild(el("tr", null, el("td", { colspan: 2, class: "empty" }, "No person's name was checked in this corpus.")));
      return;
    }
    for (const p of DATA.people) {
      const forms = p.forms.map((fm) => {
        const used = fm.sources.slice(0, 12).map(([id, n]) => sourceLabel(id) + (n > 1 ? " \u00d7" + n : ""));
        const fnd = fm.finding && byId.get(fm.finding);
        return el("div", { class: fm.wrong ? "wrong" : (fm.verdict === "absent" ? "absent" : "ok") },
          el("span", { class: "form" }, fm.form),
          fm.verdict ? [" ", el("span", { class: "tag" }, fm.verdict)] : null,
          used.length ? el("span", { class: "used" }, " \u2014 " + used.join(", ") +
            (fm.sources.length > 12 ? ` and ${fm.sources.length - 12} more` : "")) : null,
          fnd ? [" ", el("a", { href: "#f-" + fnd.id, class: "used" }, "evidence")] : null);
      });
      body.appendChild(el("tr", null,
        el("td", null, el("b", null, p.name),
          p.in_reference === false ? el("div", { class: "used" }, "not named in the record") : null,
          p.in_reference === true ? el("div", { class: "used" }, "named in the record") : null),
        el("td", null, el("div", { class: "forms" }, forms))));
    }
  }

  /* ---- articles, drawn only when opened ---- */
  let articleList = DATA.sources;
  let articlesShown = 0;
  function drawArticleList() {
    const ul = $("article-list");
    const end = Math.min(articleList.length, articlesShown + ARTICLE_PAGE);
    for (let i = articlesShown; i < end; i++) {
      const s = articleList[i];
      const n = (bySource.get(s.id) || []).length;
      ul.appendChild(el("li", null, el("a", { href: "#a-" + s.id }, s.title || s.id),
        el("span", { class: "role" }, s.role === "reference" ? "the record" : (s.outlet ? s.outlet + ", " : "") + plural(n, "finding"))));
    }
    articlesShown = end;
    const more = $("article-more");
    more.hidden = articlesShown >= articleList.length;
    more.textContent = `Show more articles (${articleList.length - articlesShown} more)`;
  }
  function highlights(id) {
    // press: the source's own findings; record: the passages findings point to
    const s = srcById.get(id);
    if (s && s.role === "reference") {
      return DATA.findings.filter((f) => f.ref && f.ref.source === id && f.verdict !== "unattested")
        .map((f) => ({ start: f.ref.start, end: f.ref.end, f: f, cls: "h-record" }));
    }
    return (bySource.get(id) || []).map((f) => ({ start: f.start, end: f.end, f: f, cls: "h-" + f.severity }));
  }
  function openArticle(id, spanOf) {
    const s = srcById.get(id);
    const view = $("article-view");
    if (!s) return false;
    view.textContent = "";
    view.hidden = false;
    const text = DATA.texts[id] || "";
    const fs = bySource.get(id) || [];
    view.appendChild(el("h3", { id: "a-" + id }, s.title || s.id));
    view.appendChild(el("p", { class: "ameta" },
      [s.outlet, s.published, s.path].filter(Boolean).join(" \u00b7 "),
      s.url ? [" \u00b7 ", el("a", { href: s.url, rel: "noreferrer" }, s.url)] : null,
      s.raw_url ? " \u00b7 URL not linked (not http/https): " + s.raw_url : null));
    view.appendChild(el("p", { class: "ameta" }, s.role === "reference"
      ? "The record. Shaded passages are quoted or cited by an article: click one to see it."
      : plural(fs.length, "finding") + ". Click a highlighted passage to see its evidence."));
    const marks = highlights(id);
    // cut the text at every highlight edge; each piece carries the innermost covering finding
    const cuts = new Set([0, text.length]);
    for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
    const pts = [...cuts].sort((a, b) => a - b);
    const box = el("div", { class: "atext", lang: langOf(id) });
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1];
      if (a >= b) continue;
      let best = null, worst = -1;
      for (const m of marks) {
        if (m.start <= a && m.end >= b) {
          if (!best || m.end - m.start < best.end - best.start) best = m;
          worst = Math.max(worst, SEV[m.f.severity]);
        }
      }
      const piece = text.slice(a, b);
      if (!best) { frag.appendChild(document.createTextNode(piece)); continue; }
      const cls = best.cls === "h-record" ? "h-record" : "h-" + ["info", "warning", "error"][worst];
      frag.appendChild(el("mark", { class: cls + (current === best.f ? " current" : ""), "data-id": best.f.id,
        tabindex: "0", title: best.f.kind + " \u00b7 " + best.f.verdict + ": " + best.f.message }, piece));
    }
    box.appendChild(frag);
    view.appendChild(box);
    if (spanOf) {
      const m = view.querySelector(`mark[data-id="${spanOf.id}"]`);
      if (m) { m.classList.add("current"); m.scrollIntoView({ block: "center" }); return true; }
    }
    view.scrollIntoView({ block: "start" });
    return true;
  }
  $("article-view").addEventListener("click", (e) => {
    const m = e.target.closest("mark[data-id]");
    if (!m) return;
    const f = byId.get(m.dataset.id);
    if (!f) return;
    // keep the reader's place in the article: update the address without jumping to the list
    history.replaceState(null, "", "#f-" + f.id);
    showFinding(f, { focusPanel: true });
  });
  $("article-view").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.matches("mark[data-id]")) e.target.click();
  });

  /* ---- routing: #f-<id> opens a finding, #a-<source> an article ---- */
  function route(scroll) {
    let h = location.hash.slice(1);
    try { h = decodeURIComponent(h); } catch (e) { /* a hand-typed, malformed fragment: use it as is */ }
    if (h.startsWith("f-") && byId.has(h.slice(2))) {
      const f = byId.get(h.slice(2));
      showFinding(f, { focusPanel: true });
      const row = document.getElementById("f-" + f.id);
      if (row && scroll && !NARROW.matches) row.scrollIntoView({ block: "center" });
      return;
    }
    if (h.startsWith("a-") && srcById.has(h.slice(2))) openArticle(h.slice(2));
  }
  window.addEventListener("hashchange", () => route(true));

  /* ---- events ---- */
  for (const k of ["source", "kind", "verdict", "severity", "review"]) filt[k].addEventListener("change", applyFilters);
  let searchTimer = null;
  filt.q.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(applyFilters, 120); });
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
  $("f-clear").addEventListener("click", () => { for (const k of Object.keys(filt)) filt[k].value = ""; applyFilters(); });
  $("finding-more").addEventListener("click", () => drawMore());
  $("summary-more").addEventListener("click", drawSummary);
  $("summary-toggle").addEventListener("click", () => { summaryAll = !summaryAll; redrawSummary(); });
  $("evidence-back").addEventListener("click", () => closeOverlay());
  $("finding-list").addEventListener("click", (e) => {
    const a = e.target.closest("a.row[data-id]");
    if (!a || location.hash !== "#f-" + a.dataset.id) return;  // a new hash is routed as usual
    e.preventDefault();  // the same finding again (e.g. after "back"): no hashchange, open it here
    const f = byId.get(a.dataset.id);
    if (f) showFinding(f, { focusPanel: true });
  });
  NARROW.addEventListener("change", () => { if (!NARROW.matches) closeOverlay(); });
  $("variant-more").addEventListener("click", drawVariants);
  $("article-more").addEventListener("click", drawArticleList);
  $("summary-rows").addEventListener("click", (e) => {
    const a = e.target.closest("a[data-filter-source]");
    if (!a) return;
    for (const k of Object.keys(filt)) filt[k].value = "";
    filt.source.value = a.dataset.filterSource;
    applyFilters();
  });
  $("evidence").addEventListener("click", (e) => {
    const a = e.target.closest("a[data-open-span]");
    if (!a) return;
    e.preventDefault();
    const f = byId.get(a.dataset.openSpan);
    if (f) { openArticle(f.source, f); history.replaceState(null, "", "#f-" + f.id); }
  });
  $("article-search").addEventListener("input", () => {
    const w = fold($("article-search").value).split(/\s+/).filter(Boolean);
    articleList = DATA.sources.filter((s) => { const h = fold([s.id, s.title, s.outlet].join(" ")); return w.every((x) => h.includes(x)); });
    $("article-list").textContent = "";
    articlesShown = 0;
    drawArticleList();
  });
  const reviewer = $("reviewer");
  try { reviewer.value = localStorage.getItem(REVIEWER) || ""; } catch (e) { /* no storage */ }
  reviewer.addEventListener("change", () => { try { localStorage.setItem(REVIEWER, reviewer.value.trim()); } catch (e) { /* no storage */ } });

  const help = $("help");
  function toggleHelp(show) {
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) $("help-close").focus();
  }
  $("help-button").addEventListener("click", () => toggleHelp());
  $("help-close").addEventListener("click", () => toggleHelp(false));
  help.addEventListener("click", (e) => { if (e.target === help) toggleHelp(false); });
  function step(d) {
    if (!visible.length) return;
    let i = current ? visible.indexOf(current) : -1;
    i = i < 0 ? (d > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, i + d));
    const f = visible[i];
    history.replaceState(null, "", "#f-" + f.id);
    showFinding(f, { scroll: true, focusPanel: true });
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.target.closest && e.target.closest("input, textarea, select");
    if (e.key === "Escape") {
      if (!help.hidden) toggleHelp(false);
      else if (typing) e.target.blur();
      else closeOverlay();
      return;
    }
    if (typing) return;
    if (e.key === "j") { e.preventDefault(); step(1); }
    else if (e.key === "k") { e.preventDefault(); step(-1); }
    else if (e.key === "/") { e.preventDefault(); filt.q.focus(); filt.q.select(); }
    else if (e.key === "?") { e.preventDefault(); toggleHelp(); }
    else if ((e.key === "a" || e.key === "c") && current) {
      e.preventDefault();
      const note = $("review-note");
      decide(current, e.key === "a" ? "accepted" : "confirmed", note ? note.value.trim() : "");
      refreshAfterDecision(current);
    }
  });

  /* ---- start ---- */
  loadDecisions();
  updateExport();
  redrawSummary();
  drawFindings();
  drawVariants();
  drawPeople();
  drawArticleList();
  route(true);
  document.documentElement.dataset.ready = "1";
  document.documentElement.dataset.initMs = (performance.now() - t0).toFixed(1);
})();
