// tqcheck review page: renders the report embedded as JSON (see tqcheck/reporters/html_data.py).
// No network, no dependencies. Offsets in the data are UTF-16 code units, as JS strings index.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("tq-data").textContent);
  const S = D.strings;
  const str = (i) => (i < 0 ? null : S[i]);
  const SEV = ["error", "warning", "info"];
  const ICON = ["\u2716", "\u25B2", "\u2139"]; // ✖ ▲ ℹ: severity is never colour alone
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid);
    return e;
  };
  const sevBadge = (s) => el("span", { class: "sev " + SEV[s] }, ICON[s] + " " + SEV[s]);
  const quote = (t) => el("span", { class: "q" }, t === "" ? "\u2205" : t);
  const short = (t) => quote(t.length > 60 ? t.slice(0, 57) + "\u2026" : t);

  // --- findings, in reading order: file, row, side, offset ---------------------------------------
  const F = [];
  D.files.forEach((file, fi) => {
    const starts = { 0: [], 1: [] }; // [start, row] of each non-empty cell, per side
    if (file.view === "rows") file.rows.forEach((r, i) => { if (r[0] >= 0) starts[1].push([r[0], i]); if (r[2] >= 0) starts[0].push([r[2], i]); });
    const unitRow = new Map((file.view === "units" ? file.rows : []).map((r, i) => [r[0], i]));
    for (const r of file.findings) {
      const f = {
        id: F.length, fi, rule: r[0], sev: r[1], side: r[2], a: r[3], b: r[4], line: r[5], col: r[6],
        msg: S[r[7]], text: S[r[8]], sugg: str(r[9]), written: str(r[10]), fix: r[11], unit: r[12] ?? null,
        path: (r[13] ?? -1) < 0 ? (r[2] === 1 ? file.source : file.path) : S[r[13]], rel: r[14] || [], scored: r[15] || null, row: 0,
      };
      if (file.view === "rows" && f.side < 2) f.row = lastAtOrBefore(starts[f.side], f.a);
      else if (file.view === "units") f.row = unitRow.has(f.unit) ? unitRow.get(f.unit) : file.rows.length;
      F.push(f);
    }
  });
  function lastAtOrBefore(cells, x) {
    let lo = 0, hi = cells.length - 1, best = cells.length ? cells[0][1] : 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cells[mid][0] <= x) { best = cells[mid][1]; lo = mid + 1; } else hi = mid - 1;
    }
    return best;
  }
  function firstFrom(fs, x) { // fs sorted by start: the first that starts at or after x
    let lo = 0, hi = fs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (fs[mid].a < x) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function prep(fs) { fs.longest = fs.reduce((m, f) => Math.max(m, f.b - f.a), 0); return fs; }
  const order = F.slice().sort((x, y) => x.fi - y.fi || x.row - y.row || x.side - y.side || x.a - y.a || x.b - y.b || x.id - y.id);
  // repeated findings collapse into one group ("Idleb ×13")
  const groups = [];
  const byKey = new Map();
  for (const f of order) {
    const key = [f.fi, f.rule, f.sev, f.text, f.msg, f.sugg].join("\u0000");
    let g = byKey.get(key);
    if (!g) { g = { id: groups.length, items: [], open: false }; byKey.set(key, g); groups.push(g); }
    f.group = g;
    g.items.push(f);
  }

  // --- state -------------------------------------------------------------------------------------
  const state = { sev: new Set([0, 1, 2]), rule: "", file: -1, query: "", cur: -1, shown: 0 };
  const decided = new Map(); // finding id -> "accepted" | "rejected"
  const storeKey = "tqcheck-review:" + hash(document.getElementById("tq-data").textContent);
  try {
    for (const [id, v] of JSON.parse(localStorage.getItem(storeKey) || "[]")) if (F[id]) decided.set(id, v);
  } catch (e) { /* storage off (a strict file:// policy): decisions last as long as the page */ }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify([...decided])); } catch (e) { /* see above */ }
  }
  function hash(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0).toString(36);
  }
  const visible = (f) => {
    if (!state.sev.has(f.sev) || (state.rule && f.rule !== state.rule) || (state.file >= 0 && f.fi !== state.file)) return false;
    if (!state.query) return true;
    const rule = D.rules[f.rule] || [""];
    const hay = [f.rule, rule[0], f.msg, f.text, f.sugg || "", D.files[f.fi].path, f.unit || ""].join(" ").toLowerCase();
    return hay.includes(state.query);
  };

  // --- the skeleton --------------------------------------------------------------------------------
  const app = $("app");
  app.hidden = false;
  if (D.files.length < 2) app.classList.add("single");
  const counts = (fs) => [0, 1, 2].map((s) => fs.filter((f) => f.sev === s).length);
  const countText = (c) => [0, 1, 2].filter((s) => c[s]).map((s) => ICON[s] + " " + c[s] + " " + SEV[s] + (c[s] === 1 ? "" : "s")).join(", ") || "no findings";
  const fileList = $("file-list");
  D.files.forEach((file, fi) => {
    const c = counts(F.filter((f) => f.fi === fi));
    fileList.append(el("li", {}, el("a", { href: "#", "data-fi": fi, onclick: (e) => { e.preventDefault(); showFile(fi); } },
      file.path, el("span", { class: "counts" }, countText(c)))));
  });
  const sevBox = $("f-sev");
  const all = counts(F);
  [0, 1, 2].forEach((s) => {
    const box = el("input", { type: "checkbox", checked: true, "data-sev": s, onchange: (e) => { e.target.checked ? state.sev.add(s) : state.sev.delete(s); refresh(); } });
    sevBox.append(el("label", {}, box, " ", sevBadge(s), " " + all[s]));
  });
  const ruleSel = $("f-rule");
  const ruleCount = new Map();
  for (const f of F) ruleCount.set(f.rule, (ruleCount.get(f.rule) || 0) + 1);
  [...ruleCount.keys()].sort().forEach((code) => ruleSel.append(el("option", { value: code }, code + " " + ((D.rules[code] || [""])[0]) + " (" + ruleCount.get(code) + ")")));
  ruleSel.addEventListener("change", () => { state.rule = ruleSel.value; refresh(); });
  const fileSel = $("f-file");
  D.files.forEach((file, fi) => fileSel.append(el("option", { value: fi }, file.path)));
  fileSel.closest("label").hidden = D.files.length < 2;
  fileSel.addEventListener("change", () => { state.file = Number(fileSel.value); refresh(); if (state.file >= 0) showFile(state.file); });
  const search = $("f-search");
  const onSearch = () => { state.query = search.value.trim().toLowerCase(); refresh(); };
  search.addEventListener("input", onSearch);
  search.addEventListener("search", onSearch); // the box's own clear button
  $("accept-safe").addEventListener("click", acceptAllSafe);
  $("dl-patch").addEventListener("click", () => download("tqcheck-fixes.patch", patch(), "text/x-diff"));
  $("dl-file").addEventListener("click", () => {
    const file = D.files[viewFile];
    const name = file.path.split(/[\\/]/).pop() || "fixed.txt";
    download(name, fixedText(viewFile), "text/plain");
    if (!/^utf-?8/i.test(file.encoding)) status("Downloaded " + name + " as UTF-8 (the file was " + file.encoding + "; tqcheck check --fix keeps it).");
  });
  const list = $("list");
  list.addEventListener("click", (e) => {
    const li = e.target.closest("li");
    if (!li) return;
    if (li.dataset.g !== undefined) {
      const g = groups[Number(li.dataset.g)];
      if (g.items.length > 1 && (e.target.closest(".toggle") || g.items.includes(F[state.cur]))) { g.open = !g.open; renderList(); }
      if (!g.items.includes(F[state.cur])) select(g.items.find(visible).id);
    } else select(Number(li.dataset.f));
  });
  list.addEventListener("keydown", (e) => {
    const keys = { ArrowDown: () => step(1), ArrowUp: () => step(-1), Home: () => pick(navList()[0]), End: () => pick(navList().slice(-1)[0]) };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    else if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggleGroup(); }
  });

  // --- rendering the findings panel ---------------------------------------------------------------
  function refresh() {
    if (state.cur >= 0 && !visible(F[state.cur])) state.cur = -1;
    renderFile(viewFile);
    renderList();
    renderDetail();
  }
  function stateLabel(f) {
    const d = decided.get(f.id);
    return d ? " \u00B7 " + d : f.written !== null ? " \u00B7 fix " + f.fix : "";
  }
  function groupState(items) {
    const n = items.filter((x) => decided.get(x.id) === "accepted").length;
    return n ? " \u00B7 " + n + " accepted" : items[0].written !== null ? " \u00B7 fix " + items[0].fix : "";
  }
  function renderList() {
    list.textContent = "";
    let shown = 0;
    for (const g of groups) {
      const items = g.items.filter(visible);
      if (!items.length) continue;
      shown += items.length;
      const f = items[0];
      const n = items.length;
      const cur = items.find((x) => x.id === state.cur);
      const selected = cur && (!g.open || n === 1);
      const fix = f.sugg !== null ? [" \u2192 ", short(f.sugg)] : [];
      const where = D.files.length > 1 && state.file < 0 ? el("span", { class: "muted" }, " " + D.files[f.fi].path) : null;
      list.append(el("li", { role: "option", id: "g" + g.id, "data-g": g.id, "aria-selected": selected ? "true" : "false", "aria-expanded": n > 1 ? String(g.open) : null },
        n > 1 ? el("span", { class: "toggle", "aria-hidden": "true" }, g.open ? "\u25BE " : "\u25B8 ") : null,
        sevBadge(f.sev), " ", el("code", {}, f.rule), " ", short(f.text), ...fix,
        n > 1 ? el("span", { class: "count" }, " \u00D7" + n) : el("span", { class: "muted" }, " " + loc(f)),
        cur && n > 1 ? el("span", { class: "muted" }, " (" + (items.indexOf(cur) + 1) + " of " + n + ")") : null,
        el("span", { class: "state" }, n === 1 ? stateLabel(f) : groupState(items)), where));
      if (g.open && n > 1) for (const x of items)
        list.append(el("li", { role: "option", class: "occ" + (decided.get(x.id) === "accepted" ? " acc" : ""), id: "o" + x.id, "data-f": x.id, "aria-selected": x.id === state.cur ? "true" : "false" },
          loc(x) + (x.unit !== null ? " \u00B7 unit " + x.unit : ""), el("span", { class: "state" }, stateLabel(x))));
    }
    state.shown = shown;
    $("shown").textContent = shown === F.length ? F.length + " findings" : shown + " of " + F.length + " findings shown";
    const active = state.cur >= 0 ? $("o" + state.cur) || $("g" + F[state.cur].group.id) : null;
    if (active) { list.setAttribute("aria-activedescendant", active.id); active.scrollIntoView({ block: "nearest" }); }
    else list.removeAttribute("aria-activedescendant");
    const n = decided.size ? [...decided.values()].filter((v) => v === "accepted").length : 0;
    $("accepted").textContent = n ? n + " fix" + (n === 1 ? "" : "es") + " accepted" : "no fix accepted yet";
    $("dl-patch").disabled = !n;
    $("dl-file").disabled = !F.some((f) => f.fi === viewFile && decided.get(f.id) === "accepted");
  }
  const loc = (f) => (f.side === 1 ? "source " : f.side === 2 ? f.path + " " : "") + f.line + ":" + f.col;
  function renderDetail() {
    const box = $("detail");
    box.textContent = "";
    const f = F[state.cur];
    const nav = el("div", { class: "nav" }, el("button", { type: "button", onclick: () => step(-1), "aria-label": "Previous finding" }, "\u2039 Previous (k)"), " ",
      el("button", { type: "button", onclick: () => step(1), "aria-label": "Next finding" }, "Next (j) \u203A"));
    if (!f) {
      box.append(el("p", { class: "muted" }, state.shown ? "Press j for the first finding (? for all keys)." : "No finding matches the filters."), nav);
      return;
    }
    const rule = D.rules[f.rule] || ["", "", "", "", "none"];
    const g = f.group.items.filter(visible);
    box.append(el("div", {}, sevBadge(f.sev), " ", el("code", {}, f.rule), " " + rule[0]),
      el("div", { class: "loc" }, (D.files.length > 1 ? D.files[f.fi].path + " \u00B7 " : "") + (f.side === 1 ? "source text, " : f.side === 2 ? f.path + ", " : "") + "line " + f.line + ", column " + f.col +
        (f.unit !== null ? " \u00B7 unit " + f.unit : "") + (g.length > 1 ? " \u00B7 " + (g.indexOf(f) + 1) + " of " + g.length + " alike" : "")),
      el("p", { class: "msg" }, f.msg));
    if (f.scored) { // a neural finding: what the source says, what the translation says, how it scores
      const [src, back, score, median] = f.scored;
      const rows = [["Source", str(src)], ["Back-translation", str(back)],
        ["Score", score === null ? null : score.toFixed(2) + " bits/token" + (median === null ? "" : " (article median " + median.toFixed(2) + ")")]];
      box.append(el("dl", { class: "scored" }, ...rows.filter((r) => r[1] !== null).flatMap((r) => [el("dt", {}, r[0]), el("dd", {}, r[1])])));
    }
    if (f.written !== null) {
      const d = decided.get(f.id);
      box.append(el("p", { class: "fixline" }, el("span", { class: "fix-" + f.fix }, f.fix === "unsafe" ? "unsafe fix: inferred, check it" : "safe fix"), " ", quote(f.text), " \u2192 ", quote(f.sugg),
        el("br"), el("button", { type: "button", class: d === "accepted" ? "primary" : null, "aria-pressed": String(d === "accepted"), onclick: () => decide(f, "accepted") }, "Accept (a)"), " ",
        el("button", { type: "button", "aria-pressed": String(d === "rejected"), onclick: () => decide(f, "rejected") }, "Reject (r)"), " ",
        g.length > 1 ? el("button", { type: "button", onclick: () => acceptGroup(f) }, "Accept all " + g.length + " (A)") : null, " ",
        el("span", { class: "decision" }, d ? d : "")));
    } else if (f.sugg !== null) {
      box.append(el("p", {}, "Suggestion: ", quote(f.text), " \u2192 ", quote(f.sugg), el("span", { class: "muted" }, " (not applied automatically)")));
    }
    box.append(el("p", { class: "help" }, el("strong", {}, "Why: "), rule[3] || rule[2]));
    for (const r of f.rel) {
      const text = str(r[0]) + ":" + r[1] + ":" + r[2] + ": " + str(r[3]);
      box.append(el("div", { class: "loc" }, "Related: ", r.length > 4 ? el("a", { href: "#", onclick: (e) => { e.preventDefault(); flash(f.fi, str(r[0]), r[4], r[5]); } }, text) : text));
    }
    if (!marks.has(f.id) && viewFile === f.fi) box.append(el("p", { class: "hidden-note" }, "Not shown in the text view (outside the text shown here)."));
    box.append(nav);
  }

  // --- rendering a file: its text, or source | translation (| back-translation) rows -------------
  let viewFile = 0;
  const marks = new Map(); // finding id -> its <mark> elements in the current view
  function showFile(fi) {
    if (fi === viewFile && $("view").childElementCount) return;
    viewFile = fi;
    renderFile(fi);
    renderList();
  }
  function renderFile(fi) {
    const file = D.files[fi];
    const view = $("view");
    view.textContent = "";
    marks.clear();
    if (!file) { view.append(el("p", { class: "muted" }, "No file was checked.")); return; }
    for (const a of fileList.querySelectorAll("a")) a.setAttribute("aria-current", String(Number(a.dataset.fi) === fi));
    const fs = F.filter((f) => f.fi === fi && visible(f) && f.side < 2).sort((x, y) => x.a - y.a || x.b - y.b);
    const cur = F[state.cur];
    const rel = cur && cur.fi === fi ? cur.rel.filter((r) => r.length > 4).map((r) => ({ id: -1, pseudo: true, sev: 3, a: r[4], b: r[5], msg: str(r[3]), side: str(r[0]) === file.path ? 0 : 1 })) : [];
    const byStart = (x, y) => x.a - y.a || x.b - y.b;
    const own = prep(fs.filter((f) => f.side === 0).concat(rel.filter((r) => r.side === 0)).sort(byStart));
    const src = prep(fs.filter((f) => f.side === 1).concat(rel.filter((r) => r.side === 1)).sort(byStart));
    const c = counts(F.filter((f) => f.fi === fi));
    view.append(el("h2", {}, file.path), el("p", { class: "muted" }, countText(c) + (file.source ? " \u00B7 source: " + file.source : "") + (file.summary ? " \u00B7 " + file.summary : "")));
    for (const note of file.notes) view.append(el("p", { class: "muted" }, "Note: " + note));
    if (file.view === "text") view.append(marked(el("div", { class: "text", role: "document", "aria-label": "Translation" }), file.text, [[0, file.text.length]], own));
    else view.append(table(file, fi, own, src));
    for (const [id, ms] of marks) if (decided.has(id)) paintDecision(F[id], ms);
  }
  function table(file, fi, own, src) {
    const srcText = file.source ? D.sources[file.source] : "";
    const langs = (which) => (which === "s" ? " (" + (D.source_lang || "source") + ")" : D.lang ? " (" + D.lang + ")" : "");
    const units = file.view === "units";
    const hasSrc = units || !!file.source;
    const heads = [...(units ? ["ID"] : []), ...(hasSrc ? ["Source" + langs("s")] : []), "Translation" + langs("t"), ...(file.scored ? ["Back-translation"] : [])];
    const body = el("tbody");
    file.rows.forEach((r, i) => {
      const tr = el("tr", { id: "r" + fi + "-" + i });
      if (units) {
        tr.append(el("td", { class: "id", "data-label": "ID" }, r[0] === null ? "" : String(r[0])));
        tr.append(marked(el("td", { class: "t", "data-label": heads[1], lang: D.source_lang }), file.text, r[1], own));
        const td = el("td", { class: "t", "data-label": heads[2], lang: D.lang });
        if (!r[2].length) td.append(emptyCell(r[3], own)); else marked(td, file.text, r[2], own);
        tr.append(td);
      } else {
        if (hasSrc) tr.append(r[0] < 0 ? el("td", { class: "t", "data-label": heads[0] }, el("span", { class: "empty" }, "(nothing in the source)")) : marked(el("td", { class: "t", "data-label": heads[0], lang: D.source_lang }), srcText, [trim(srcText, r[0], r[1], src)], src));
        tr.append(r[2] < 0 ? el("td", { class: "t", "data-label": heads[hasSrc ? 1 : 0] }, el("span", { class: "empty" }, "(not translated)")) : marked(el("td", { class: "t", "data-label": heads[hasSrc ? 1 : 0], lang: D.lang }), file.text, [trim(file.text, r[2], r[3], own)], own));
      }
      if (file.scored) tr.append(el("td", { class: "bt", "data-label": "Back-translation" }, str(r[r.length - 2]) || "", r[r.length - 1] ? el("span", { class: "metrics" }, r[r.length - 1]) : null));
      body.append(tr);
    });
    return el("table", { class: "sbs" }, el("colgroup", {}, ...heads.map((h) => el("col", { class: h === "ID" ? "id" : null }))),
      el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col" }, h)))), body);
  }
  function trim(text, s, e, fs) { // a cell's trailing blank lines are not shown, unless a finding is there
    let end = e;
    while (end > s && /\s/.test(text[end - 1])) end--;
    return fs.some((f) => f.b > end && f.a < e || (f.a === f.b && f.a >= end && f.a <= e)) ? [s, e] : [s, end];
  }
  function emptyCell(where, fs) {
    const span = el("span", { class: "empty" }, "(empty)");
    if (!where) return span;
    const on = fs.filter((f) => f.a < where[1] && f.b > where[0] || (f.a === f.b && f.a >= where[0] && f.a <= where[1]));
    return on.length ? markEl(on, span) : span;
  }
  // pieces: [start, end] (text as in the file) or [start, end, decoded text] (a reference: shown whole)
  function marked(parent, text, pieces, fs) {
    for (const p of pieces) {
      const [s, e] = p;
      const on = [];
      for (let i = firstFrom(fs, s - fs.longest); i < fs.length && fs[i].a <= e; i++) {
        const f = fs[i];
        if ((f.a < e && f.b > s) || (f.a === f.b && f.a >= s && (f.a < e || (f.a === e && p === pieces[pieces.length - 1])))) on.push(f);
      }
      if (p.length > 2 || s === e) { // decoded reference or a break: the whole piece or nothing
        const t = p.length > 2 ? p[2] : "";
        if (on.length && t) put(parent, on, t); else parent.append(t);
        continue;
      }
      const cuts = new Set([s, e]);
      for (const f of on) { cuts.add(Math.max(s, f.a)); cuts.add(Math.min(e, f.b)); }
      const xs = [...cuts].sort((x, y) => x - y);
      for (let i = 0; i < xs.length; i++) {
        const lo = xs[i];
        for (const f of on) if (f.a === f.b && f.a === lo) parent.append(markEl([f], document.createTextNode("\u2038"), "caret"));
        if (i + 1 === xs.length) break;
        const hi = xs[i + 1];
        const cover = on.filter((f) => f.a <= lo && f.b >= hi && f.a < f.b);
        const piece = text.slice(lo, hi);
        if (cover.length) put(parent, cover, piece); else parent.append(piece);
      }
    }
    return parent;
  }
  function put(parent, on, text) { // text marked by the same findings as the mark before it joins that mark
    const key = on.map((f) => f.id + ":" + f.a).join(" ");
    const last = parent.lastChild;
    if (last && last.nodeName === "MARK" && last.dataset.key === key) last.append(text);
    else { const m = markEl(on, document.createTextNode(text)); m.dataset.key = key; parent.append(m); }
  }
  function markEl(all, child, extra) {
    const fs = all.filter((f) => !f.pseudo);
    const rel = all.filter((f) => f.pseudo);
    const at = rel.map((r) => r.a + "-" + r.b).join(" ") || null;
    if (!fs.length) return el("mark", { class: "relm", "data-rel": at, title: "related: " + rel.map((r) => r.msg).join("\n") }, child);
    const top = Math.min(...fs.map((f) => f.sev));
    const m = el("mark", { class: "m s" + top + (fs.length > 1 ? " over" : "") + (extra ? " " + extra : "") + (fs.some((f) => f.id === state.cur) ? " cur" : "") + (rel.length ? " relm" : ""),
      "data-f": fs.map((f) => f.id).join(" "), "data-rel": at, title: fs.map((f) => f.rule + " " + SEV[f.sev] + ": " + f.msg).join("\n") }, child);
    for (const f of fs) { if (!marks.has(f.id)) marks.set(f.id, []); marks.get(f.id).push(m); }
    return m;
  }
  $("view").addEventListener("click", (e) => {
    const m = e.target.closest("mark.m");
    if (!m) return;
    const ids = m.dataset.f.split(" ").map(Number);
    select(ids[(ids.indexOf(state.cur) + 1) % ids.length]);
  });
  function flash(fi, path, a, b) { // a related place: marked while its finding is the current one
    const m = $("view").querySelector('mark[data-rel~="' + a + "-" + b + '"]');
    if (m) m.scrollIntoView({ block: "center" }); else status("That place is not shown here (" + path + ").");
  }

  // --- selection and keys --------------------------------------------------------------------------
  function navList() { return order.filter(visible); }
  function pick(f) { if (f) select(f.id); }
  function select(id) {
    const old = F[state.cur];
    for (const m of marks.get(state.cur) || []) m.classList.remove("cur");
    state.cur = id;
    const f = F[id];
    if (f.fi !== viewFile) { viewFile = -1; showFile(f.fi); }
    else if ((old && old.fi === f.fi && old.rel.length) || f.rel.length) renderFile(f.fi); // its related places are marked
    renderList();
    renderDetail();
    const ms = marks.get(id) || [];
    for (const m of ms) m.classList.add("cur");
    if (ms.length) ms[0].scrollIntoView({ block: "center" });
  }
  function step(d) {
    const nav = navList();
    if (!nav.length) return;
    const i = nav.findIndex((f) => f.id === state.cur);
    pick(nav[i < 0 ? (d > 0 ? 0 : nav.length - 1) : Math.min(nav.length - 1, Math.max(0, i + d))]);
  }
  function stepGroup(d) {
    const gs = groups.filter((g) => g.items.some(visible));
    if (!gs.length) return;
    const cur = F[state.cur];
    const i = cur ? gs.indexOf(cur.group) : -1;
    const g = gs[i < 0 ? (d > 0 ? 0 : gs.length - 1) : Math.min(gs.length - 1, Math.max(0, i + d))];
    pick(g.items.find(visible));
  }
  function toggleGroup() {
    const f = F[state.cur];
    if (!f) { step(1); return; }
    f.group.open = !f.group.open;
    renderList();
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t.matches && t.matches("input, select, textarea")) {
      if (e.key === "Escape") { e.preventDefault(); t.blur(); list.focus(); } // keeps the search: j/k go through it
      return;
    }
    const f = F[state.cur];
    const keys = {
      j: () => step(1), k: () => step(-1), J: () => stepGroup(1), K: () => stepGroup(-1),
      a: () => f && decide(f, "accepted"), r: () => f && decide(f, "rejected"), u: () => f && decide(f, null),
      A: () => f && acceptGroup(f), "/": () => search.focus(), "?": () => { const k = $("keys"); k.open = !k.open; },
      "]": () => D.files.length > 1 && showFile((viewFile + 1) % D.files.length),
      "[": () => D.files.length > 1 && showFile((viewFile + D.files.length - 1) % D.files.length),
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });

  // --- accepting fixes, the patch and the fixed file -------------------------------------------------
  function status(text) { $("status").textContent = text; }
  function clash(f) { // two fixes over one character, or an insertion inside another fix
    const inside = (p, q) => p.a === p.b && q.a < p.a && p.a < q.b;
    const overlap = (x) => Math.max(x.a, f.a) < Math.min(x.b, f.b) || (x.a === f.a && x.b === f.b) || inside(x, f) || inside(f, x);
    return F.find((x) => x.fi === f.fi && x.id !== f.id && decided.get(x.id) === "accepted" && overlap(x));
  }
  function decide(f, what, quiet) {
    if (f.written === null) { if (!quiet) status("This finding has no fix to accept."); return false; }
    if (what === "accepted") {
      const other = clash(f);
      if (other) { if (!quiet) status("Overlaps the accepted fix at " + loc(other) + "; reject that one first."); return false; }
    }
    if (what) decided.set(f.id, what); else decided.delete(f.id);
    save();
    paintDecision(f, marks.get(f.id) || []);
    if (!quiet) { status(what ? what[0].toUpperCase() + what.slice(1) + ": " + f.text + " \u2192 " + f.sugg : "Decision cleared."); renderList(); renderDetail(); }
    return true;
  }
  function paintDecision(f, ms) {
    const d = decided.get(f.id);
    for (const m of ms) { m.classList.toggle("acc", d === "accepted"); m.classList.toggle("rej", d === "rejected"); }
    const last = ms[ms.length - 1];
    const ins = last && last.nextSibling && last.nextSibling.dataset && last.nextSibling.dataset.fix === String(f.id) ? last.nextSibling : null;
    if (d === "accepted" && !ins && last) last.after(el("ins", { class: "fixed", "data-fix": f.id }, f.sugg));
    if (d !== "accepted" && ins) ins.remove();
  }
  function acceptMany(fs) {
    let n = 0, skipped = 0;
    for (const f of fs) if (f.written !== null && decided.get(f.id) !== "accepted") decide(f, "accepted", true) ? n++ : skipped++;
    status((n ? "Accepted " + n + " fix" + (n === 1 ? "" : "es") : "No fix left to accept") + (skipped ? "; " + skipped + " overlapping skipped" : "") + ".");
    renderList(); renderDetail();
  }
  function acceptGroup(f) { acceptMany(f.group.items.filter(visible)); }
  function acceptAllSafe() { acceptMany(order.filter((f) => visible(f) && f.fix === "safe" && !decided.has(f.id))); }
  function edits(fi) {
    return F.filter((f) => f.fi === fi && decided.get(f.id) === "accepted").sort((x, y) => x.a - y.a).map((f) => [f.a, f.b, f.written]);
  }
  function applyEdits(text, es, base) {
    let out = "", pos = base || 0;
    for (const [a, b, w] of es) { out += text.slice(pos, a) + w; pos = b; }
    return [out, pos];
  }
  function fixedText(fi) {
    const text = D.files[fi].text;
    const [out, pos] = applyEdits(text, edits(fi));
    return out + text.slice(pos);
  }
  // a unified diff as `diff -u` / git would write it: 3 lines of context, hunks closer than 6 lines merged
  function splitLines(t) {
    const out = [];
    let i = 0;
    while (i < t.length) { const j = t.indexOf("\n", i); if (j < 0) { out.push(t.slice(i)); break; } out.push(t.slice(i, j + 1)); i = j + 1; }
    return out;
  }
  function diffFile(path, text, es) {
    const lines = splitLines(text);
    const starts = [];
    let p = 0;
    for (const l of lines) { starts.push(p); p += l.length; }
    starts.push(p);
    const lineOf = (x) => { let lo = 0, hi = lines.length - 1; while (lo < hi) { const m = (lo + hi + 1) >> 1; if (starts[m] <= x) lo = m; else hi = m - 1; } return lo; };
    const blocks = []; // [first old line, last old line, new lines]
    for (const ed of es) {
      const l0 = lineOf(ed[0]), l1 = Math.max(l0, lineOf(Math.max(ed[0], ed[1] - 1)));
      const last = blocks[blocks.length - 1];
      if (last && l0 <= last.l1) { last.l1 = Math.max(last.l1, l1); last.es.push(ed); } else blocks.push({ l0, l1, es: [ed] });
    }
    for (const b of blocks) {
      const [mid, pos] = applyEdits(text, b.es, starts[b.l0]);
      b.add = splitLines(mid + text.slice(pos, starts[b.l1 + 1]));
    }
    const range = (start, n) => (n === 1 ? String(start + 1) : n === 0 ? start + ",0" : start + 1 + "," + n);
    const line = (mark, l) => mark + l + (l.endsWith("\n") ? "" : "\n\\ No newline at end of file\n");
    let out = "--- a/" + path + "\n+++ b/" + path + "\n", delta = 0, i = 0;
    while (i < blocks.length) {
      let j = i;
      while (j + 1 < blocks.length && blocks[j + 1].l0 - blocks[j].l1 - 1 <= 6) j++;
      const from = Math.max(0, blocks[i].l0 - 3), to = Math.min(lines.length - 1, blocks[j].l1 + 3);
      let body = "", oldN = 0, newN = 0, grow = 0;
      for (let l = from, k = i; l <= to;) {
        if (k <= j && l === blocks[k].l0) {
          const b = blocks[k];
          for (let x = b.l0; x <= b.l1; x++) body += line("-", lines[x]);
          for (const a of b.add) body += line("+", a);
          oldN += b.l1 - b.l0 + 1; newN += b.add.length; grow += b.add.length - (b.l1 - b.l0 + 1);
          l = b.l1 + 1; k++;
        } else { body += line(" ", lines[l]); oldN++; newN++; l++; }
      }
      out += "@@ -" + range(from, oldN) + " +" + range(from + delta, newN) + " @@\n" + body;
      delta += grow;
      i = j + 1;
    }
    return out;
  }
  function patch() {
    return D.files.map((file, fi) => { const es = edits(fi); return es.length ? diffFile(file.path, file.text, es) : ""; }).join("");
  }
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status("Downloaded " + name + ".");
  }
  window.tqcheckReview = { patch, fixedText, select, decide: (id, what) => decide(F[id], what), findings: F };

  showFile(0);
  renderDetail();
})();
