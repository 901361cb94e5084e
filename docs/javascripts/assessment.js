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
  /* Attributes and text are set only when they change: at load most already hold the right value, and
     each needless write would make the browser work out the page's styles again. */
  function show(node, visible) { if (node && node.hidden === visible) { node.hidden = !visible; } }
  function setText(node, text) { if (node.textContent !== text) { node.textContent = text; } }
  function setChecked(input, checked) { if (input.checked !== checked) { input.checked = checked; } }
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
    function scored(item) { return "(" + item.value + ": " + word(item.value) + ")"; }

    function fillTable(table, items) {
      items.forEach(function (item) {
        var tr = table.querySelector('tr[data-skill="' + item.id + '"]');
        if (!tr) { return; }
        setText(tr.querySelector(".sa-cell-rating"), item.value === null ? root.dataset.notRated : String(item.value));
        setText(tr.querySelector(".sa-cell-word"), item.value === null ? "" : word(item.value));
      });
    }

    function updateLeaders() {
      var items = skills("leader");
      var rated = items.filter(function (i) { return i.value !== null; });
      setText(progress, (root.dataset.rated || "")
        .replace("{done}", String(rated.length)).replace("{total}", String(items.length)));
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
      all(list, ".sa-advice").forEach(function (li) { show(li, weakIds.indexOf(li.dataset.skill) >= 0); });
      weakest.forEach(function (item) {
        var li = list.querySelector('.sa-advice[data-skill="' + item.id + '"]');
        setText(li.querySelector(".sa-advice__score"), scored(item));
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
      all(list, ".sa-carry").forEach(function (li) { show(li, false); });
      rated.forEach(function (item) {
        var li = list.querySelector('.sa-carry[data-skill="' + item.id + '"]');
        setText(li.querySelector(".sa-advice__score"), scored(item));
        show(li, true);
        list.appendChild(li);
      });
    }

    function updateChecks() {
      var summary = results.querySelector(".sa-aspirations");
      var lines = [];
      all(root, "fieldset.sa-check").forEach(function (fs) {
        var value = chosen("sa-check-" + fs.dataset.check);
        all(fs, ".sa-note").forEach(function (note) {
          show(note, note.dataset.noteFor === fs.dataset.check + ":" + value);
        });
        var section = fs.closest("[data-mode-only]");
        if (value !== null && (!section || section.dataset.modeOnly === mode)) {
          var input = fs.querySelector('input[value="' + value + '"]');
          lines.push([fs.querySelector("legend").textContent, input.parentNode.textContent.trim()]);
        }
      });
      if (lines.length > 0 || summary.firstChild) { empty(summary); }
      lines.forEach(function (line) {
        var p = document.createElement("p");
        var strong = document.createElement("strong");
        strong.textContent = line[0] + " ";
        p.appendChild(strong);
        p.appendChild(document.createTextNode(line[1]));
        summary.appendChild(p);
      });
      show(summary, lines.length > 0);
    }

    function update() {
      updateLeaders();
      updateTraits();
      updateChecks();
      var none = !names.some(function (name) { return chosen(name) !== null; });
      if (reset.disabled !== none) { reset.disabled = none; }
    }

    function applyMode(next) {
      mode = next;
      if (root.dataset.mode !== mode) { root.dataset.mode = mode; }
      all(root, "[data-text-" + mode + "]").forEach(function (node) { setText(node, node.getAttribute("data-text-" + mode)); });
      modeInputs.forEach(function (i) { setChecked(i, i.value === mode); });
      names.forEach(function (name) {
        var saved = read(storageKey(name));
        groups[name].forEach(function (i) { setChecked(i, saved !== null && i.value === saved); });
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
    /* The date on paper is written when the page is printed, not at load: it is then the day of
       printing, and the first local date format costs the browser a noticeable moment to set up. */
    var date = root.querySelector(".sa-date");
    function stamp() { if (date) { setText(date, new Date().toLocaleDateString()); } }

    var asked = new URLSearchParams(window.location.search).get("mode");
    var stored = read("mode");
    applyMode(scales[asked] ? asked : scales[stored] ? stored : modeInputs[0].value);
    return { root: root, update: update, stamp: stamp };
  }

  function init() {
    var root = document.getElementById("sa");
    current = root ? setup(root) || current : null;
  }

  function redraw() {
    if (current && document.body.contains(current.root)) { current.update(); }
  }
  function printed() {
    if (current && document.body.contains(current.root)) { current.stamp(); }
    redraw();
  }
  window.addEventListener("beforeprint", printed);
  window.addEventListener("afterprint", redraw);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) {
      print.addEventListener("change", function (event) { if (event.matches) { printed(); } else { redraw(); } });
    }
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(redraw, 150);
  });
  function follow() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    }
  }
  /* Every script is deferred, and a page's own scripts come before the theme's bundle. So on a full
     page load this runs once the page is parsed and before the theme starts: the form is set up at
     once, and the theme lays the page out with the answers, results and hidden parts already in place
     (rather than laying it out twice). From DOMContentLoaded on, the theme's document$ exists, and
     following it sets the form up again whenever instant navigation shows this page. Shown by instant
     navigation in the first place, the page runs this with document$ already there. */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); follow(); });
  } else {
    init();
    if (window.document$) { follow(); } else { document.addEventListener("DOMContentLoaded", follow); }
  }
})();
