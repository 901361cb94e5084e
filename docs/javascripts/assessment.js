/* Readiness self-assessment: answers kept in this browser's localStorage (keys "slp:assessment:..."),
   a bar chart drawn as inline SVG, the three weakest leader skills with what to read, and a print
   button. Nothing is sent anywhere. Loaded by the self-assessment page only (its front matter asks for it);
   the theme's instant navigation runs it again each time that page is shown, so it sets itself up once and
   then follows every page view. */
(function () {
  "use strict";
  if (window.slpAssessment) { return; }
  window.slpAssessment = true;
  var PREFIX = "slp:assessment:";
  var SVG = "http://www.w3.org/2000/svg";
  var CARRY_ORDER = { yes: 0, partly: 1, no: 2 };
  var current = null; // the assessment on the page now, if any

  function read(key) {
    try { return window.localStorage.getItem(PREFIX + key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(PREFIX + key); }
      else { window.localStorage.setItem(PREFIX + key, value); }
    } catch (e) { /* storage unavailable: answers last until the page is left */ }
  }
  /* The stored keys (without the prefix) that hold answers, in any mode. */
  function storedAnswers() {
    var found = [];
    try {
      for (var n = 0; n < window.localStorage.length; n += 1) {
        var key = window.localStorage.key(n);
        if (key && key.indexOf(PREFIX) === 0 && key !== PREFIX + "mode") { found.push(key.slice(PREFIX.length)); }
      }
    } catch (e) { /* storage unavailable: nothing stored */ }
    return found;
  }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function svg(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function show(node, visible) { if (node) { node.hidden = !visible; } }
  function empty(node) { while (node && node.firstChild) { node.removeChild(node.firstChild); } }

  var measure = null;
  /* The width of a label in the chart's font, bold to be safe, so no label is cut off. */
  function textWidth(text, size, box) {
    measure = measure || document.createElement("canvas").getContext("2d");
    if (!measure) { return text.length * size * 0.6; }
    measure.font = "700 " + size + "px " + window.getComputedStyle(box).fontFamily;
    return measure.measureText(text).width;
  }
  function printing() { return window.matchMedia && window.matchMedia("print").matches; }

  /* A horizontal bar per skill on a 0-5 axis; unrated skills keep their row with a note. On paper
     the chart is drawn small (narrow, short rows) so the whole result fits on one page. */
  function drawChart(box, items, weak, notRated) {
    empty(box);
    var compact = printing();
    var width = compact ? 330 : Math.max(280, Math.min(720, box.clientWidth || 640));
    var fontSize = compact ? 10 : 12;
    var longest = items.reduce(function (most, item) {
      return Math.max(most, textWidth(item.label, fontSize, box));
    }, 0);
    var labelWidth = Math.min(Math.ceil(longest) + 4, Math.round(width * 0.5));
    var left = labelWidth + 8, right = 22, top = compact ? 20 : 24, row = compact ? 17 : 24, bar = compact ? 10 : 14;
    var plot = width - left - right;
    var height = top + items.length * row + 6;
    var id = box.id;
    var rated = items.filter(function (i) { return i.value !== null; }).length;
    var chart = svg("svg", {
      "class": "sa-svg" + (compact ? " sa-svg--compact" : ""), viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "img", "aria-labelledby": id + "-title " + id + "-desc"
    });
    chart.style.maxWidth = width + "px";
    chart.appendChild(svg("title", { id: id + "-title" }, box.dataset.title || ""));
    chart.appendChild(svg("desc", { id: id + "-desc" },
      rated + " of " + items.length + " rated. The table that follows gives the same ratings as text."));
    for (var v = 0; v <= 5; v += 1) {
      var x = left + (plot * v) / 5;
      chart.appendChild(svg("line", { "class": "sa-grid", x1: x, x2: x, y1: top - 6, y2: height - 4 }));
      chart.appendChild(svg("text", { "class": "sa-axis", x: x, y: top - 10, "text-anchor": "middle" }, String(v)));
    }
    items.forEach(function (item, index) {
      var y = top + index * row;
      var isWeak = weak.indexOf(item.id) >= 0;
      chart.appendChild(svg("text", {
        "class": "sa-label" + (isWeak ? " sa-label--weak" : ""), x: labelWidth, y: y + row / 2,
        "text-anchor": "end", "dominant-baseline": "central"
      }, item.label));
      if (item.value === null) {
        chart.appendChild(svg("text", {
          "class": "sa-unrated", x: left + 6, y: y + row / 2, "dominant-baseline": "central"
        }, notRated));
        return;
      }
      var w = Math.max(2, (plot * item.value) / 5);
      chart.appendChild(svg("rect", {
        "class": "sa-bar" + (isWeak ? " sa-bar--weak" : "") + (item.carries ? " sa-bar--" + item.carries : ""),
        x: left, y: y + (row - bar) / 2, width: w, height: bar, rx: 2, "data-skill": item.id
      }));
      chart.appendChild(svg("text", {
        "class": "sa-value", x: left + w + 5, y: y + row / 2, "dominant-baseline": "central"
      }, String(item.value)));
    });
    box.appendChild(chart);
  }

  function setup(root) {
    if (root.dataset.ready === "1") { return null; }
    root.dataset.ready = "1";
    root.classList.add("sa--js");
    var scales = JSON.parse(root.dataset.scale || "{}");
    var modeInputs = all(root, 'input[name="sa-mode"]');
    var groups = {};
    all(root, 'input[type="radio"]').forEach(function (input) {
      if (input.name !== "sa-mode") { (groups[input.name] = groups[input.name] || []).push(input); }
    });
    var names = Object.keys(groups);
    var results = root.querySelector(".sa-results");
    var progress = root.querySelector(".sa-progress");
    var announce = root.querySelector(".sa-announce");
    var reset = root.querySelector(".sa-reset");
    var mode = null;

    function storageKey(name) { return mode + ":" + name.replace(/^sa-(leader|trait|check)-/, "$1:"); }
    function chosen(name) {
      var hit = (groups[name] || []).filter(function (i) { return i.checked; })[0];
      return hit ? hit.value : null;
    }
    function skills(kind) {
      return all(root, 'fieldset.sa-skill[data-kind="' + kind + '"]').map(function (fs, index) {
        var value = chosen("sa-" + kind + "-" + fs.dataset.skill);
        return {
          id: fs.dataset.skill, label: fs.dataset.label, index: index, carries: fs.dataset.carries || null,
          value: value === null ? null : Number(value)
        };
      });
    }
    function word(value) { return (scales[mode] || [])[value - 1] || ""; }

    function fillTable(table, items) {
      items.forEach(function (item) {
        var tr = table.querySelector('tr[data-skill="' + item.id + '"]');
        if (!tr) { return; }
        tr.querySelector(".sa-cell-rating").textContent = item.value === null ? root.dataset.notRated : String(item.value);
        tr.querySelector(".sa-cell-word").textContent = item.value === null ? "" : word(item.value);
      });
    }

    function updateLeaders() {
      var items = skills("leader");
      var rated = items.filter(function (i) { return i.value !== null; });
      progress.textContent = (root.dataset.rated || "")
        .replace("{done}", String(rated.length)).replace("{total}", String(items.length));
      var weakest = rated.slice().sort(function (a, b) { return a.value - b.value || a.index - b.index; }).slice(0, 3);
      var weakIds = weakest.map(function (i) { return i.id; });
      show(results.querySelector(".sa-empty"), rated.length === 0);
      show(results.querySelector(".sa-picture"), rated.length > 0);
      show(results.querySelector(".sa-weak"), rated.length > 0);
      if (rated.length > 0) {
        drawChart(root.querySelector("#sa-chart-leader"), items, weakIds, root.dataset.notRated);
      } else {
        empty(root.querySelector("#sa-chart-leader"));
      }
      fillTable(root.querySelector("#sa-table-leader"), items);
      var list = root.querySelector("#sa-weakest");
      all(list, ".sa-advice").forEach(function (li) { li.hidden = weakIds.indexOf(li.dataset.skill) < 0; });
      weakest.forEach(function (item) {
        var li = list.querySelector('.sa-advice[data-skill="' + item.id + '"]');
        li.querySelector(".sa-advice__score").textContent = "(" + item.value + ": " + word(item.value) + ")";
        list.appendChild(li);
      });
    }

    function updateTraits() {
      var items = skills("trait");
      var rated = items.filter(function (i) { return i.value !== null; });
      show(results.querySelector(".sa-carry-empty"), rated.length === 0);
      show(results.querySelector(".sa-picture--traits"), rated.length > 0);
      if (rated.length > 0) {
        drawChart(root.querySelector("#sa-chart-trait"), items, [], root.dataset.notRated);
      } else {
        empty(root.querySelector("#sa-chart-trait"));
      }
      fillTable(root.querySelector("#sa-table-trait"), items);
      var list = root.querySelector("#sa-carries");
      rated.sort(function (a, b) {
        return CARRY_ORDER[a.carries] - CARRY_ORDER[b.carries] || b.value - a.value || a.index - b.index;
      });
      all(list, ".sa-carry").forEach(function (li) { li.hidden = true; });
      rated.forEach(function (item) {
        var li = list.querySelector('.sa-carry[data-skill="' + item.id + '"]');
        li.querySelector(".sa-advice__score").textContent = "(" + item.value + ": " + word(item.value) + ")";
        li.hidden = false;
        list.appendChild(li);
      });
    }

    function updateChecks() {
      var summary = results.querySelector(".sa-aspirations");
      var lines = [];
      all(root, "fieldset.sa-check").forEach(function (fs) {
        var value = chosen("sa-check-" + fs.dataset.check);
        all(fs, ".sa-note").forEach(function (note) {
          note.hidden = note.dataset.noteFor !== fs.dataset.check + ":" + value;
        });
        var section = fs.closest("[data-mode-only]");
        if (value !== null && (!section || section.dataset.modeOnly === mode)) {
          var input = fs.querySelector('input[value="' + value + '"]');
          lines.push([fs.querySelector("legend").textContent, input.parentNode.textContent.trim()]);
        }
      });
      empty(summary);
      lines.forEach(function (line) {
        var p = document.createElement("p");
        var strong = document.createElement("strong");
        strong.textContent = line[0] + " ";
        p.appendChild(strong);
        p.appendChild(document.createTextNode(line[1]));
        summary.appendChild(p);
      });
      summary.hidden = lines.length === 0;
    }

    function update() {
      updateLeaders();
      updateTraits();
      updateChecks();
      reset.disabled = !names.some(function (name) { return chosen(name) !== null; });
    }

    function applyMode(next) {
      mode = next;
      root.dataset.mode = mode;
      modeInputs.forEach(function (i) { i.checked = i.value === mode; });
      names.forEach(function (name) {
        var saved = read(storageKey(name));
        groups[name].forEach(function (i) { i.checked = saved !== null && i.value === saved; });
      });
      var traitsBox = root.querySelector(".sa-traits");
      if (traitsBox && all(traitsBox, "input:checked").length > 0) { traitsBox.open = true; }
      update();
    }

    root.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "radio") { return; }
      if (input.name === "sa-mode") {
        write("mode", input.value);
        applyMode(input.value);
        return;
      }
      if (groups[input.name]) {
        write(storageKey(input.name), input.value);
        update();
      }
    });
    reset.addEventListener("click", function () {
      if (!window.confirm(root.dataset.confirm)) { return; }
      names.forEach(function (name) {
        write(storageKey(name), null);
        groups[name].forEach(function (i) { i.checked = false; });
      });
      if (storedAnswers().length === 0) { write("mode", null); } // nothing of ours is left in storage
      update();
      announce.textContent = root.dataset.cleared || "";
    });
    root.querySelector(".sa-print").addEventListener("click", function () { window.print(); });
    var date = root.querySelector(".sa-date");
    if (date) { date.textContent = new Date().toLocaleDateString(); }

    var asked = new URLSearchParams(window.location.search).get("mode");
    var stored = read("mode");
    applyMode(scales[asked] ? asked : scales[stored] ? stored : modeInputs[0].value);
    return { root: root, update: update };
  }

  function init() {
    var root = document.getElementById("sa");
    current = root ? setup(root) || current : null;
  }

  function redraw() {
    if (current && document.body.contains(current.root)) { current.update(); }
  }
  window.addEventListener("beforeprint", redraw);
  window.addEventListener("afterprint", redraw);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) { print.addEventListener("change", redraw); }
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(redraw, 150);
  });
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else {
      init();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
