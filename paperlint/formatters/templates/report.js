/* paperlint report: filters, notes on hover/focus/click, keyboard navigation.
   Only moves and clones elements that the page already holds: it never parses HTML. */
(function () {
  "use strict";
  var RANK = { info: 1, warning: 2, error: 3 };
  var SEVS = ["error", "warning", "info"];
  var d = document;
  var pop = d.getElementById("pop");
  var showing = d.getElementById("showing");
  var findings = {};
  var order = [];
  var pinned = null, hideTimer = null, cursor = -1;

  Array.prototype.forEach.call(d.querySelectorAll(".finding"), function (li) {
    findings[li.dataset.id] = { sev: li.dataset.sev, fam: li.dataset.fam, li: li, on: true };
    order.push(li.dataset.id);
  });
  var marks = Array.prototype.slice.call(d.querySelectorAll("mark.hl"));
  var lines = [];
  marks.forEach(function (m) {
    m.removeAttribute("title"); // the script shows richer notes
    m.setAttribute("aria-describedby", ids(m).map(function (i) { return "note-" + i; }).join(" "));
    var ln = m.closest(".ln");
    if (ln && lines.indexOf(ln) < 0) lines.push(ln);
  });

  function ids(m) { return (m.getAttribute("data-d") || "").split(" ").filter(Boolean); }
  function visible(m) { return ids(m).filter(function (i) { return findings[i] && findings[i].on; }); }
  function worst(list) {
    var best = "";
    list.forEach(function (i) { var s = findings[i].sev; if (!best || RANK[s] > RANK[best]) best = s; });
    return best;
  }
  function setSev(el, prefix, sev) {
    SEVS.forEach(function (s) { el.classList.remove(prefix + s); });
    if (sev) el.classList.add(prefix + sev);
  }

  function applyFilters() {
    var sevOn = {}, famOn = {};
    Array.prototype.forEach.call(d.querySelectorAll("input[data-sev-filter]"), function (c) { sevOn[c.value] = c.checked; });
    Array.prototype.forEach.call(d.querySelectorAll("input[data-fam-filter]"), function (c) { famOn[c.value] = c.checked; });
    var shown = 0;
    order.forEach(function (i) {
      var f = findings[i];
      f.on = sevOn[f.sev] !== false && famOn[f.fam] !== false;
      f.li.hidden = !f.on;
      if (f.on) shown++;
    });
    marks.forEach(function (m) {
      var v = visible(m);
      m.classList.toggle("off", v.length === 0);
      m.classList.toggle("nest", v.length > 1);
      if (v.length) setSev(m, "s-", worst(v));
    });
    lines.forEach(function (ln) {
      var all = [];
      Array.prototype.forEach.call(ln.querySelectorAll("mark.hl"), function (m) { all = all.concat(visible(m)); });
      setSev(ln, "g-", worst(all));
    });
    Array.prototype.forEach.call(d.querySelectorAll(".fgroup"), function (g) {
      g.hidden = !g.querySelector(".finding:not([hidden])");
    });
    var total = order.length;
    showing.textContent = shown === total ? total + (total === 1 ? " finding" : " findings")
                                          : shown + " of " + total + " findings shown";
    if (pinned && !visible(pinned).length) unpin();
  }
  Array.prototype.forEach.call(d.querySelectorAll("#filters input"), function (c) {
    c.addEventListener("change", applyFilters);
  });

  function place(m) {
    var r = m.getBoundingClientRect();
    var w = pop.offsetWidth, h = pop.offsetHeight;
    var x = Math.min(Math.max(8, r.left), window.innerWidth - w - 16);
    var y = r.bottom + 8;
    if (y + h > window.innerHeight - 8 && r.top - h - 8 > 8) y = r.top - h - 8;
    pop.style.left = (x + window.scrollX) + "px";
    pop.style.top = (y + window.scrollY) + "px";
  }
  function show(m) {
    var v = visible(m);
    if (!v.length) return false;
    clearTimeout(hideTimer);
    while (pop.firstChild) pop.removeChild(pop.firstChild);
    v.forEach(function (i) {
      var note = d.getElementById("note-" + i);
      if (note) { var c = note.cloneNode(true); c.removeAttribute("id"); pop.appendChild(c); }
    });
    pop.hidden = false;
    place(m);
    return true;
  }
  function hide() { if (!pinned) pop.hidden = true; }
  function pin(m) {
    unpin();
    if (show(m)) { pinned = m; m.classList.add("pinned"); pop.classList.add("pinned"); }
  }
  function unpin() {
    if (pinned) pinned.classList.remove("pinned");
    pinned = null;
    pop.classList.remove("pinned");
    pop.hidden = true;
  }

  var main = d.getElementById("main");
  main.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl");
    if (m && !pinned) show(m);
  });
  main.addEventListener("mouseout", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl");
    if (m && !pinned) { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 260); }
  });
  pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  pop.addEventListener("mouseleave", function () { if (!pinned) { hideTimer = setTimeout(hide, 200); } });
  main.addEventListener("focusin", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl");
    if (m && !pinned) show(m);
  });
  d.addEventListener("click", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl");
    if (m) { if (pinned === m) unpin(); else pin(m); return; }
    var a = e.target.closest && e.target.closest("a[data-target]");
    if (a) { e.preventDefault(); go(a.getAttribute("data-target")); return; }
    if (!pop.contains(e.target)) unpin();
  });

  function markFor(id) { return d.querySelector('mark.hl[data-d~="' + id + '"]'); }
  function go(id) {
    var m = markFor(id);
    if (!m) return;
    var det = m.closest("details");
    if (det) det.open = true;
    m.scrollIntoView({ block: "center" });
    if (history.replaceState) history.replaceState(null, "", "#" + id);
    m.classList.remove("flash"); void m.offsetWidth; m.classList.add("flash");
    pin(m);
    cursor = order.indexOf(id);
    Array.prototype.forEach.call(d.querySelectorAll(".finding a.current"), function (a) { a.classList.remove("current"); });
    var li = findings[id] && findings[id].li.querySelector("a");
    if (li) { li.classList.add("current"); if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" }); }
  }
  function step(delta) {
    var n = order.length;
    for (var k = 1; k <= n; k++) {
      var i = order[((cursor + delta * k) % n + n) % n];
      if (findings[i].on && markFor(i)) { go(i); return; }
    }
  }
  d.addEventListener("keydown", function (e) {
    if (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
    if (e.key === "Escape") unpin();
    else if (e.key === "n" || e.key === "j") step(1);
    else if (e.key === "p" || e.key === "k") step(-1);
    else if (e.key === "Enter" && e.target.matches && e.target.matches("mark.hl")) pin(e.target);
  });
  window.addEventListener("resize", function () { if (pinned) place(pinned); });

  applyFilters();
  var start = location.hash.slice(1);
  if (start && findings[start]) go(start);
})();
