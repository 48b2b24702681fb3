/* mlgraph explorer: search with cards, a roadmap with progress kept in localStorage, and a role comparison.
   Plain JavaScript, no network. The data is the JSON in #mlgraph-data (see mlgraph/viz/explorer_data.py). */
(function () {
  "use strict";
function start(D) {
  var N = D.id.length;
  var KINDS = D.kinds, F = D.factor;
  var $ = function (sel) { return document.querySelector(sel); };

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }
  function fmtH(h) {
    var half = Math.round(h * 2) / 2;
    if (h > 0 && half === 0) half = 0.5;
    return half.toLocaleString("en-US", { maximumFractionDigits: 1 }) + " h";
  }
  function hoursFor(eff, level, known) {
    if (!eff) return 0;
    return Math.round(Math.max(0, eff * (F[level] - F[known || 0])) * 100) / 100;
  }
  function kindOf(i) { return KINDS[D.kind[i]]; }
  function sparse(obj) {
    var out = new Array(N);
    for (var k in obj) out[+k] = obj[k];
    return out;
  }
  function invert(lists) {
    var out = new Array(N);
    for (var i = 0; i < N; i++) {
      var l = lists[i];
      if (!l) continue;
      for (var j = 0; j < l.length; j++) (out[l[j]] = out[l[j]] || []).push(i);
    }
    return out;
  }

  // ------------------------------------------------------------------ indexes
  var byId = new Map();
  for (var i = 0; i < N; i++) byId.set(D.id[i], i);
  var pre = sparse(D.pre);                 // prerequisites of each node
  var post = invert(pre);                  // what each node unlocks
  var teach = sparse(D.teach), taughtBy = invert(teach);
  var related = sparse(D.related);
  var prog = sparse(D.progression), progFrom = invert(prog);
  var parts = new Array(N), partOf = new Array(N), planPre = new Array(N);
  for (i = 0; i < N; i++) if (pre[i]) planPre[i] = pre[i].slice();
  D.broader.forEach(function (b) {
    (parts[b[1]] = parts[b[1]] || []).push([b[0], b[2]]);
    (partOf[b[0]] = partOf[b[0]] || []).push([b[1], b[2]]);
    if (b[2]) (planPre[b[1]] = planPre[b[1]] || []).push(b[0]);
  });
  var roleReqs = new Map(), reqBy = new Array(N), roleIds = [];
  Object.keys(D.roles).forEach(function (k) {
    var r = +k, flat = D.roles[k], reqs = [];
    for (var j = 0; j < flat.length; j += 2) {
      var t = flat[j], code = flat[j + 1], req = { i: t, level: code >> 1, opt: code & 1 };
      reqs.push(req);
      (reqBy[t] = reqBy[t] || []).push({ role: r, level: req.level, opt: req.opt });
    }
    roleReqs.set(r, reqs);
    roleIds.push(r);
  });
  roleIds.sort(function (a, b) { return D.label[a].localeCompare(D.label[b]); });
  var hayLabel = D.label.map(function (s) { return s.toLowerCase(); });
  var hayAlias = D.alias.map(function (s) { return s.toLowerCase(); });

  // ------------------------------------------------------------------ search
  function search(query, limit) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var words = q.split(/\s+/), hits = [];
    for (var i = 0; i < N; i++) {
      var l = hayLabel[i], a = hayAlias[i], score;
      if (l === q) score = 0;
      else if (a && ("|" + a + "|").indexOf("|" + q + "|") >= 0) score = 1;
      else if (l.lastIndexOf(q, 0) === 0) score = 2;
      else if (l.indexOf(" " + q) >= 0 || l.indexOf("-" + q) >= 0 || l.indexOf("(" + q) >= 0) score = 3;
      else if (a && (a.lastIndexOf(q, 0) === 0 || a.indexOf("|" + q) >= 0)) score = 4;
      else if (l.indexOf(q) >= 0) score = 5;
      else if (a && a.indexOf(q) >= 0) score = 6;
      else if (words.length > 1) {
        var all = true;
        for (var w = 0; w < words.length && all; w++) all = l.indexOf(words[w]) >= 0 || a.indexOf(words[w]) >= 0;
        if (!all) continue;
        score = 7;
      } else continue;
      hits.push([score, D.kind[i] === 4 ? 1 : 0, l.length, i]);
    }
    hits.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]; });
    return hits.slice(0, limit || 30).map(function (h) { return h[3]; });
  }

  var q = $("#q"), results = $("#results"), active = -1, shown = [];
  function showResults() {
    var t0 = performance.now();
    shown = search(q.value, 30);
    results.textContent = "";
    active = shown.length ? 0 : -1;
    shown.forEach(function (n, k) {
      var alias = D.alias[n] ? D.alias[n].split("|").slice(0, 3).join(", ") : "";
      var li = el("li", { role: "option", id: "opt-" + k, "aria-selected": k === 0 ? "true" : "false",
        "data-i": n, class: "k-" + kindOf(n) },
        el("span", { text: D.label[n] }),
        el("span", { class: "also", text: kindOf(n) + (alias ? " · " + alias : "") }));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(n); });
      results.appendChild(li);
    });
    var open = shown.length > 0;
    results.hidden = !open;
    q.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) q.setAttribute("aria-activedescendant", "opt-0"); else q.removeAttribute("aria-activedescendant");
    $("#search-status").textContent = q.value.trim() ? shown.length + (shown.length === 30 ? "+" : "") + " results" : "";
    window.mlgraphExplorer.lastSearchMs = performance.now() - t0;
  }
  function move(by) {
    if (!shown.length) return;
    var old = document.getElementById("opt-" + active);
    if (old) old.setAttribute("aria-selected", "false");
    active = (active + by + shown.length) % shown.length;
    var cur = document.getElementById("opt-" + active);
    cur.setAttribute("aria-selected", "true");
    cur.scrollIntoView({ block: "nearest" });
    q.setAttribute("aria-activedescendant", cur.id);
  }
  function closeResults() {
    results.hidden = true;
    q.setAttribute("aria-expanded", "false");
    q.removeAttribute("aria-activedescendant");
  }
  function choose(n) { closeResults(); openCard(n, true); }
  q.addEventListener("input", showResults);
  q.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); if (results.hidden) showResults(); else move(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); move(-1); }
    else if (ev.key === "Enter") { if (active >= 0 && !results.hidden) { ev.preventDefault(); choose(shown[active]); } }
    else if (ev.key === "Escape") { if (!results.hidden) closeResults(); else q.value = ""; }
  });
  q.addEventListener("blur", function () { setTimeout(closeResults, 100); });

  // ------------------------------------------------------------------ card
  var card = $("#card");
  function nodeLink(n, extra) {
    return el("a", { href: "#", class: "link", "data-open": n }, D.label[n] + (extra || ""));
  }
  function list(items, render) {
    var ul = el("ul");
    items.forEach(function (x) { ul.appendChild(el("li", null, render(x))); });
    return ul;
  }
  function byLabel(a, b) { return D.label[a].localeCompare(D.label[b]); }
  function section(title, items, render, limit) {
    if (!items || !items.length) return null;
    var frag = el("div", null, el("h3", { text: title + " (" + items.length + ")" }));
    var first = limit ? items.slice(0, limit) : items;
    frag.appendChild(list(first, render));
    if (limit && items.length > limit) {
      var rest = el("details", null, el("summary", { text: (items.length - limit) + " more" }), list(items.slice(limit), render));
      frag.appendChild(rest);
    }
    return frag;
  }
  function openCard(n, focus) {
    var kind = kindOf(n);
    card.className = "card k-" + kind;
    card.textContent = "";
    card.setAttribute("data-i", n);
    var area = D.area[n] >= 0 ? D.areas[D.area[n]] : null;
    card.appendChild(el("h2", { id: "card-title", tabindex: "-1" }, D.label[n]));
    var aliases = D.alias[n] ? " · also: " + D.alias[n].split("|").join(", ") : "";
    card.appendChild(el("p", { class: "kind", text: kind + (area ? " · " + area : "") + aliases }));
    if (D.desc[n]) card.appendChild(el("p", { class: "desc", text: D.desc[n] }));
    var h = D.hours[n];
    if (h && kind !== "role" && kind !== "resource") {
      card.appendChild(el("h3", { text: "Hours by level" }));
      var table = el("table", { class: "levels" });
      table.appendChild(el("tr", null, el("th", { text: "level" }), el("th", { text: "from zero" })));
      D.levels.forEach(function (name, k) {
        table.appendChild(el("tr", k === 2 ? { class: "working" } : null,
          el("td", { text: (k + 1) + " " + name + (k === 2 ? " (the hours given)" : "") }),
          el("td", { class: "n", text: fmtH(hoursFor(h, k + 1, 0)) })));
      });
      card.appendChild(table);
    } else if (h) {
      card.appendChild(el("p", { text: "About " + fmtH(h) + (kind === "resource" ? " to work through." : ".") }));
    }
    if (D.url[n]) card.appendChild(el("p", null, el("a", { href: D.url[n], rel: "noopener", target: "_blank" }, D.url[n])));
    var add = function (x) { if (x) card.appendChild(x); };
    if (kind === "role") {
      var reqs = (roleReqs.get(n) || []).slice().sort(function (a, b) { return a.opt - b.opt || b.level - a.level || byLabel(a.i, b.i); });
      add(section("Requires", reqs, function (r) {
        return el("span", null, nodeLink(r.i), " · level " + r.level + (r.opt ? " · optional" : ""));
      }, 25));
      add(section("Comes from", (progFrom[n] || []).slice().sort(byLabel), function (x) { return nodeLink(x); }));
      add(section("Leads to", (prog[n] || []).slice().sort(byLabel), function (x) { return nodeLink(x); }));
    } else {
      add(section("Needs first (prerequisites)", (pre[n] || []).slice().sort(byLabel), function (x) { return nodeLink(x); }));
      add(section("Unlocks", (post[n] || []).slice().sort(byLabel), function (x) { return nodeLink(x); }, 15));
      add(section("Made of", (parts[n] || []).slice().sort(function (a, b) { return byLabel(a[0], b[0]); }),
        function (p) { return el("span", null, nodeLink(p[0]), p[1] ? "" : " (not core)"); }));
      add(section("Part of", partOf[n], function (p) { return el("span", null, nodeLink(p[0]), p[1] ? "" : " (not core)"); }));
      var needing = (reqBy[n] || []).slice().sort(function (a, b) { return a.opt - b.opt || b.level - a.level || byLabel(a.role, b.role); });
      add(section("Roles that need it", needing, function (r) {
        return el("span", null, nodeLink(r.role), " · level " + r.level + (r.opt ? " · optional" : ""));
      }, 12));
      add(section("Learn it with", (taughtBy[n] || []).slice().sort(function (a, b) {
        return (teach[a] || []).length - (teach[b] || []).length || byLabel(a, b); }), function (r) {
        var bits = [D.rtype[r], D.hours[r] ? fmtH(D.hours[r]) : null].filter(Boolean).join(", ");
        var out = el("span", null, nodeLink(r), bits ? " · " + bits : "");
        if (D.url[r]) out.appendChild(el("span", null, " · ", el("a", { href: D.url[r], rel: "noopener", target: "_blank" }, "link")));
        return out;
      }, 8));
      add(section("Teaches", (teach[n] || []).slice().sort(byLabel), function (x) { return nodeLink(x); }, 15));
      add(section("Related", (related[n] || []).slice().sort(byLabel), function (x) { return nodeLink(x); }));
    }
    var srcs = D.src[n] || D.srcDefault;
    add(section("Sources", srcs, function (s) {
      var src = D.sources[s];
      return src[2] ? el("a", { href: src[2], rel: "noopener", target: "_blank" }, src[1]) : el("span", { text: src[1] });
    }, 6));
    var inPlan = document.getElementById("st-" + n);
    if (inPlan) card.appendChild(el("p", { class: "note" }, "In the roadmap: ",
      el("a", { href: "#", class: "link", "data-goto": n }, "show the step")));
    if (focus) $("#card-title").focus();
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("[data-open],[data-goto]") : null;
    if (!t) return;
    ev.preventDefault();
    if (t.hasAttribute("data-goto")) {
      var step = document.getElementById("st-" + t.getAttribute("data-goto"));
      showView("roadmap");
      if (step) { step.scrollIntoView({ block: "center" }); step.querySelector(".name").focus(); }
      return;
    }
    openCard(+t.getAttribute("data-open"), true);
  });

  // ------------------------------------------------------------------ progress (localStorage)
  var STORE = "mlgraph-explorer:" + D.name;
  var done = {};
  try { done = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { done = {}; }
  function save() { try { localStorage.setItem(STORE, JSON.stringify(done)); } catch (e) { /* private mode */ } }
  function today() { return new Date().toISOString().slice(0, 10); }

  // ------------------------------------------------------------------ roadmap
  var plan = null, members = new Set(), stepEl = new Map();
  var goalSel = $("#goal"), stagesEl = $("#stages"), svg = $("#arrows");
  var showOpt = $("#show-optional");
  function renderLegend() {
    var lg = $("#legend");
    lg.textContent = "";
    ["concept", "skill", "tool"].forEach(function (k) { lg.appendChild(el("span", { class: "k-" + k, style: "--c:var(--" + k + ")", text: k })); });
    lg.appendChild(el("span", { class: "note", text: "dashed box: optional" }));
  }
  function renderPlan(k) {
    plan = D.plans[k];
    stagesEl.textContent = "";
    members = new Set();
    stepEl = new Map();
    if (!plan) { $("#summary").textContent = "No roadmap in this file: make it with mlgraph explore --goal ROLE."; return; }
    $("#roadmap-title").textContent = "Roadmap to " + D.label[plan.goal];
    var hasHours = plan.stages.some(function (st) { return st.s.some(function (x) { return x[1] > 0; }); });
    plan.stages.forEach(function (st, sk) {
      var ol = el("ol", { class: "steps", "aria-label": st.t });
      st.s.forEach(function (s) {
        var n = s[0];
        members.add(n);
        var needs = (planPre[n] || []).filter(function (p) { return members.has(p); }).map(function (p) { return D.label[p]; });
        var li = el("li", { class: "step k-" + kindOf(n) + (s[3] ? " opt" : ""), id: "st-" + n, "data-i": n,
          "data-opt": s[3] ? "1" : null },
          el("button", { type: "button", class: "name", "data-open": n,
            title: D.label[n] + "\n" + (needs.length ? "Needs first: " + needs.join(", ") : "No prerequisite in this plan") }, D.label[n]),
          el("input", { type: "checkbox", "data-i": n, "aria-label": "Done: " + D.label[n] }),
          el("span", { class: "meta" }, [kindOf(n), s[1] || D.hours[n] ? fmtH(s[1]) : (hasHours ? "no hour estimate" : null),
            s[2] !== 3 ? "to L" + s[2] + " " + D.levels[s[2] - 1] : null].filter(Boolean).join(" · "),
            s[3] ? el("span", { class: "tag", text: "optional" }) : null));
        stepEl.set(n, li);
        ol.appendChild(li);
      });
      var sec = el("section", { class: "stage", "data-stage": sk, "aria-labelledby": "stage-" + sk },
        el("div", { class: "stage-head" }, el("h3", { id: "stage-" + sk, text: (sk + 1) + ". " + st.t }),
          el("span", { class: "nums" })),
        el("div", { class: "bar", role: "progressbar", "aria-label": "done in " + st.t, "aria-valuemin": "0",
          "aria-valuemax": "100" }, el("span")),
        ol);
      stagesEl.appendChild(sec);
    });
    applyOptional();
    refresh();
  }
  function visible(s) { return showOpt.checked || !s[3]; }
  function applyOptional() {
    stepEl.forEach(function (li) { li.hidden = !showOpt.checked && li.hasAttribute("data-opt"); });
    clearArrows();
    refresh();
  }
  function refresh() {
    if (!plan) return;
    var total = 0, doneH = 0, steps = 0, stepsDone = 0;
    plan.stages.forEach(function (st, sk) {
      var h = 0, d = 0, n = 0, nd = 0;
      st.s.forEach(function (s) {
        var li = stepEl.get(s[0]), isDone = !!done[D.id[s[0]]];
        li.classList.toggle("done", isDone);
        li.querySelector("input").checked = isDone;
        if (!visible(s)) return;
        h += s[1]; n += 1;
        if (isDone) { d += s[1]; nd += 1; }
      });
      total += h; doneH += d;
      var sec = stagesEl.querySelector('[data-stage="' + sk + '"]');
      sec.hidden = n === 0;
      sec.querySelector(".nums").textContent = nd + " of " + n + " steps" + (h ? " · " + fmtH(d) + " done · " + fmtH(h - d) + " left" : "");
      var pct = h ? Math.round(100 * d / h) : (n ? Math.round(100 * nd / n) : 100);
      steps += n; stepsDone += nd;
      var bar = sec.querySelector(".bar");
      bar.setAttribute("aria-valuenow", pct);
      bar.firstChild.style.width = pct + "%";
    });
    var pct = total ? Math.round(100 * doneH / total) : (steps ? Math.round(100 * stepsDone / steps) : 0);
    var sum = $("#summary");
    sum.textContent = "";
    sum.appendChild(el("strong", { text: pct + "% done" }));
    sum.appendChild(document.createTextNode(" · " + (total ? fmtH(doneH) + " of " + fmtH(total) + " · " + fmtH(total - doneH) + " left"
      : stepsDone + " of " + steps + " steps (this graph gives no hours)") +
      (D.profile.known.length ? " · " + D.profile.known.length + (D.profile.known.length === 1 ? " item" : " items") + " from your profile already known" : "")));
    sum.appendChild(el("div", { class: "bar", role: "progressbar", "aria-label": "done in all", "aria-valuenow": pct,
      "aria-valuemin": "0", "aria-valuemax": "100" }, el("span", { style: "width:" + pct + "%" })));
  }
  stagesEl.addEventListener("change", function (ev) {
    var t = ev.target;
    if (!t.matches("input[type=checkbox]")) return;
    var n = +t.getAttribute("data-i"), id = D.id[n];
    if (t.checked) {
      var level = 3;
      plan.stages.forEach(function (st) { st.s.forEach(function (s) { if (s[0] === n) level = s[2]; }); });
      done[id] = { d: today(), l: level };
    } else delete done[id];
    save();
    refresh();
  });

  // prerequisite arrows, on hover or focus
  function clearArrows() {
    svg.textContent = "";
    stagesEl.querySelectorAll(".is-pre,.is-post,.is-here").forEach(function (x) { x.classList.remove("is-pre", "is-post", "is-here"); });
  }
  function box(li, host) {
    var r = li.getBoundingClientRect();
    return { l: r.left - host.left, t: r.top - host.top, r: r.right - host.left, b: r.bottom - host.top };
  }
  function curve(a, b) {
    // from the right edge of a to the left edge of b, or down from a's bottom when b sits on a lower row
    var x1, y1, x2, y2;
    if (b.t > a.b - 2) { x1 = (a.l + a.r) / 2; y1 = a.b; x2 = (b.l + b.r) / 2; y2 = b.t; var dy = Math.max(20, (y2 - y1) / 2);
      return "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 + dy) + " " + x2 + "," + (y2 - dy) + " " + x2 + "," + y2; }
    x1 = a.r; y1 = (a.t + a.b) / 2; x2 = b.l; y2 = (b.t + b.b) / 2; var dx = Math.max(20, Math.abs(x2 - x1) / 2);
    return "M" + x1 + "," + y1 + " C" + (x1 + dx) + "," + y1 + " " + (x2 - dx) + "," + y2 + " " + x2 + "," + y2;
  }
  function arrowsFor(n) {
    clearArrows();
    var here = stepEl.get(n);
    if (!here || here.hidden) return;
    var host = $("#roadmap-body").getBoundingClientRect();
    here.classList.add("is-here");
    var me = box(here, host), ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    defs.innerHTML = '<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#0072B2"/></marker>';
    svg.appendChild(defs);
    (planPre[n] || []).forEach(function (p) {
      var li = stepEl.get(p);
      if (!li || li.hidden) return;
      li.classList.add("is-pre");
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", curve(box(li, host), me));
      path.setAttribute("marker-end", "url(#head)");
      path.setAttribute("class", "pre");
      svg.appendChild(path);
    });
    (post[n] || []).concat((partOf[n] || []).filter(function (x) { return x[1]; }).map(function (x) { return x[0]; })).forEach(function (s) {
      var li = stepEl.get(s);
      if (li && !li.hidden) li.classList.add("is-post");
    });
  }
  stagesEl.addEventListener("mouseover", function (ev) { var li = ev.target.closest(".step"); if (li) arrowsFor(+li.getAttribute("data-i")); });
  stagesEl.addEventListener("mouseleave", clearArrows);
  stagesEl.addEventListener("focusin", function (ev) { var li = ev.target.closest(".step"); if (li) arrowsFor(+li.getAttribute("data-i")); });
  stagesEl.addEventListener("focusout", function (ev) { if (!stagesEl.contains(ev.relatedTarget)) clearArrows(); });
  showOpt.addEventListener("change", applyOptional);
  window.addEventListener("resize", clearArrows);

  // downloading the profile
  function yamlName(id) { return /^[A-Za-z0-9_][A-Za-z0-9_.+\/-]*$/.test(id) && !/^(yes|no|true|false|null|on|off|y|n)$/i.test(id) ? id : JSON.stringify(id); }
  function profileYaml() {
    var lines = ["# What I know: read by mlgraph (--profile FILE); `mlgraph done ITEM --profile FILE` adds to it",
      "# Downloaded from the mlgraph explorer (" + D.name + ") on " + today()];
    var goal = plan ? plan.goal : D.profile.goal;
    if (goal !== null && goal !== undefined) lines.push("goal: " + yamlName(D.id[goal]));
    lines.push("known:");
    // the profile's items, then the ticked ones (a tick at a higher level raises a profile item)
    var entries = new Map();
    D.profile.known.forEach(function (k) { entries.set(D.id[k[0]], { l: k[1], d: null }); });
    Object.keys(done).sort(function (a, b) { return (done[a].d || "").localeCompare(done[b].d || "") || a.localeCompare(b); }).forEach(function (id) {
      if (!byId.has(id)) return;
      var t = done[id], had = entries.get(id);
      if (had && (had.l === null || (t.l && had.l >= t.l))) return;
      entries.set(id, { l: t.l, d: t.d });
    });
    entries.forEach(function (e, id) {
      var bits = [e.l ? "level: " + e.l : null, e.d ? "done: " + e.d : null].filter(Boolean);
      lines.push("  - " + (bits.length ? "{name: " + yamlName(id) + ", " + bits.join(", ") + "}" : yamlName(id)));
    });
    return lines.join("\n") + "\n";
  }
  $("#download").addEventListener("click", function () {
    var blob = new Blob([profileYaml()], { type: "application/x-yaml" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "profile.yaml" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  $("#clear").addEventListener("click", function () {
    if (!Object.keys(done).length || window.confirm("Clear every tick kept in this browser for this graph?")) { done = {}; save(); refresh(); }
  });

  // ------------------------------------------------------------------ roles
  var fromSel = $("#role-from"), toSel = $("#role-to");
  var knowsFix = {}, needFix = {};
  Object.keys(D.knowsFix).forEach(function (k) { knowsFix[k] = D.knowsFix[k]; });
  Object.keys(D.needFix).forEach(function (k) { needFix[k] = D.needFix[k]; });
  function knowsOf(a) {
    // what role a stands for as the source of a move: each requirement at its level, prerequisites at working level
    var K = new Map(), strong = [];
    (roleReqs.get(a) || []).forEach(function (r) { K.set(r.i, Math.max(K.get(r.i) || 0, r.level)); });
    K.forEach(function (lv, i) { if (lv >= 3) strong.push(i); });
    var seen = new Set(), stack = strong.slice();
    while (stack.length) {
      var x = stack.pop();
      if (seen.has(x)) continue;
      seen.add(x);
      K.set(x, Math.max(K.get(x) || 0, 3));
      (planPre[x] || []).forEach(function (p) { if (!seen.has(p)) stack.push(p); });
    }
    var fix = knowsFix[a] || [];
    for (var j = 0; j < fix.length; j += 2) K.set(fix[j], fix[j + 1]);
    return K;
  }
  function transition(a, b) {
    var K = knowsOf(a), need = new Map(), goals = [];
    (roleReqs.get(b) || []).forEach(function (r) { if (!r.opt) { need.set(r.i, Math.max(need.get(r.i) || 0, r.level)); goals.push(r.i); } });
    var fix = needFix[b] || [];
    for (var j = 0; j < fix.length; j += 2) need.set(fix[j], fix[j + 1]);
    var lv = function (i) { return need.has(i) ? need.get(i) : 3; };
    var covered = function (i) { return (K.get(i) || 0) >= lv(i); };
    var seen = new Set(), stack = goals.filter(function (g) { return !covered(g); });
    while (stack.length) {
      var x = stack.pop();
      if (seen.has(x)) continue;
      seen.add(x);
      (planPre[x] || []).forEach(function (p) { if (!seen.has(p) && !covered(p)) stack.push(p); });
    }
    var items = [], total = 0, goalSet = new Set(goals);
    seen.forEach(function (i) {
      var h = hoursFor(D.hours[i], lv(i), K.get(i) || 0);
      total += h;
      items.push({ i: i, hours: h, level: lv(i), had: K.get(i) || 0, direct: goalSet.has(i) });
    });
    var carried = [];
    goalSet.forEach(function (g) { if (covered(g)) carried.push({ i: g, level: lv(g), saved: hoursFor(D.hours[g], lv(g), 0) }); });
    return { total: Math.round(total * 100) / 100, items: items, carried: carried, goals: goalSet.size };
  }
  function itemList(items, cls, render, max) {
    var ul = el("ul", { class: "items " + cls });
    items.forEach(function (it) {
      var w = max ? Math.max(2, Math.round(100 * render.h(it) / max)) : 0;
      ul.appendChild(el("li", null, el("div", null, nodeLink(it.i), " ", el("span", { class: "lv", text: render.lv(it) }),
        el("div", { class: "hb", style: "width:" + w + "%" })), el("span", { class: "h", text: D.hours[it.i] ? fmtH(render.h(it)) : "–" })));
    });
    return ul;
  }
  function renderRoles() {
    var a = +fromSel.value, b = +toSel.value, out = $("#role-out");
    out.textContent = "";
    if (isNaN(a) || isNaN(b)) return;
    var t = transition(a, b);
    var direct = t.items.filter(function (x) { return x.direct; }).sort(function (x, y) { return y.hours - x.hours || byLabel(x.i, y.i); });
    var extra = t.items.filter(function (x) { return !x.direct; }).sort(function (x, y) { return y.hours - x.hours || byLabel(x.i, y.i); });
    var carried = t.carried.sort(function (x, y) { return y.saved - x.saved || byLabel(x.i, y.i); });
    var extraH = extra.reduce(function (s, x) { return s + x.hours; }, 0);
    var unknown = t.items.filter(function (x) { return !D.hours[x.i]; }).length;
    var hoursText = t.items.length && unknown === t.items.length ? "no hour estimates" : fmtH(t.total) + " to learn";
    out.appendChild(el("p", { class: "role-sum" }, el("strong", { text: D.label[a] + " → " + D.label[b] + ": " + hoursText }),
      ". " + carried.length + " of " + t.goals + " essential requirements carry over; " + direct.length + " to learn" +
      (extra.length ? ", plus " + extra.length + " prerequisites (" + fmtH(extraH) + ")." : ".") +
      (unknown && unknown < t.items.length ? " " + unknown + " items have no hour estimate." : "")));
    var max = Math.max.apply(null, [1].concat(t.items.map(function (x) { return x.hours; }), carried.map(function (x) { return x.saved; })));
    var cols = el("div", { class: "cols" });
    cols.appendChild(el("div", null, el("h3", { text: "To learn (" + direct.length + "): level now → needed" }),
      itemList(direct, "learn", { h: function (x) { return x.hours; }, lv: function (x) { return (x.had ? "L" + x.had : "new") + " → L" + x.level; } }, max),
      extra.length ? el("details", { open: extra.length <= 12 ? true : null }, el("summary", { text: "Prerequisites you lack (" + extra.length + ", " + fmtH(extraH) + ")" }),
        itemList(extra, "learn", { h: function (x) { return x.hours; }, lv: function (x) { return (x.had ? "L" + x.had : "new") + " → L" + x.level; } }, max)) : null));
    cols.appendChild(el("div", null, el("h3", { text: "Carries over (" + carried.length + "): the hours it saves" }),
      itemList(carried, "carry", { h: function (x) { return x.saved; }, lv: function (x) { return "L" + x.level; } }, max)));
    out.appendChild(cols);
  }
  function fillRoles() {
    [fromSel, toSel].forEach(function (sel) {
      roleIds.forEach(function (r) { sel.appendChild(el("option", { value: r, text: D.label[r] })); });
    });
    if (roleIds.length > 1) {
      var goal = plan && D.kind[plan.goal] === 0 ? plan.goal : roleIds[1];
      toSel.value = goal;
      fromSel.value = roleIds[0] === goal ? roleIds[1] : roleIds[0];
    }
    fromSel.addEventListener("change", renderRoles);
    toSel.addEventListener("change", renderRoles);
    $("#swap").addEventListener("click", function () { var x = fromSel.value; fromSel.value = toSel.value; toSel.value = x; renderRoles(); });
    renderRoles();
  }

  // ------------------------------------------------------------------ views
  function showView(name) {
    document.querySelectorAll(".views button").forEach(function (b) {
      var on = b.getAttribute("data-view") === name;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      document.getElementById(b.getAttribute("data-view")).hidden = !on;
    });
    clearArrows();
  }
  document.querySelectorAll(".views button").forEach(function (b) {
    b.addEventListener("click", function () { showView(b.getAttribute("data-view")); });
  });

  // ------------------------------------------------------------------ start
  $("#graph-name").textContent = D.name;
  $("#made").textContent = D.made;
  (D.credits || []).forEach(function (c) { $("#credits").appendChild(el("span", { class: "credit", text: " " + c })); });
  $("#subtitle").textContent = N.toLocaleString("en-US") + " nodes · " + roleIds.length.toLocaleString("en-US") + " roles";
  window.mlgraphExplorer = { search: search, transition: transition, profileYaml: profileYaml, openCard: openCard,
    showView: showView, byId: byId, data: D, lastSearchMs: null };
  renderLegend();
  if (D.plans.length > 1) {
    $("#goal-pick").hidden = false;
    D.plans.forEach(function (p, k) { goalSel.appendChild(el("option", { value: k, text: D.label[p.goal] })); });
    var start = 0;
    D.plans.forEach(function (p, k) { if (p.goal === D.profile.goal) start = k; });
    goalSel.value = start;
    goalSel.addEventListener("change", function () { renderPlan(+goalSel.value); });
    renderPlan(start);
  } else renderPlan(0);
  if (!roleIds.length) $("#tab-roles").hidden = true;
  else fillRoles();
  if (!D.plans.length) showView(roleIds.length ? "roles" : "roadmap");
  document.documentElement.setAttribute("data-ready", "1");
  window.mlgraphExplorer.readyMs = performance.now();
}

  // the data: plain JSON, or (large graphs) gzip-compressed JSON in base64, unpacked by the browser itself
  var node = document.getElementById("mlgraph-data");
  if (node.getAttribute("data-encoding") !== "gzip+base64") { start(JSON.parse(node.textContent)); return; }
  if (typeof DecompressionStream === "undefined") {
    document.getElementById("summary").textContent = "This page needs a browser from 2023 or later (it unpacks its data).";
    return;
  }
  var text = atob(node.textContent.trim()), bytes = new Uint8Array(text.length);
  for (var k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
    .then(function (json) { start(JSON.parse(json)); });
})();
