/* Progress where readers navigate. Each progress block (.pb-tracker, written by the playbooks tools: see
   render_progress.py) lists the playbooks it counts with their checklist keys; this script counts the ticks
   checklist.js keeps in this browser ("slp:checklist:<playbook>:<key>"), says how far the reader has got and
   where to continue, and marks each counted playbook's progress next to the page's links to it. It remembers
   the playbook read last ("slp:progress:last") for "Continue with". Nothing leaves the browser. */
(function () {
  "use strict";
  if (window.slpProgress) { return; } // loaded already: the theme's instant navigation runs a page's scripts again
  var TICK = "slp:checklist:";
  var LAST = "slp:progress:last";

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage unavailable: nothing to remember */ }
  }
  function plain(href) {
    var url = new URL(href, window.location.href);
    url.hash = "";
    url.search = "";
    return url.href;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* The playbooks a block counts, in its order, with the reader's ticks. */
  function counted(root) {
    return Array.prototype.map.call(root.querySelectorAll("a[data-playbook]"), function (link) {
      var keys = (link.dataset.keys || "").split(" ").filter(Boolean);
      var done = keys.filter(function (key) { return read(TICK + link.dataset.playbook + ":" + key) === "1"; });
      return { id: link.dataset.playbook, href: plain(link.href), title: link.textContent.trim(),
               total: keys.length, done: done.length };
    });
  }

  /* Where to continue: the playbook read last while it is unfinished, else the next unfinished one after it,
     else the first unfinished one. Nothing when all are done, or when the reader has not begun (`fresh`). */
  function nextUp(items, fresh) {
    var last = read(LAST);
    var at = -1;
    items.forEach(function (item, index) { if (item.id === last) { at = index; } });
    var open = function (item) { return item.done < item.total; };
    if (at >= 0 && open(items[at])) { return items[at]; }
    if (at < 0 && fresh) { return null; }
    return items.slice(at + 1).filter(open)[0] || items.filter(open)[0] || null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function progressText(item) {
    return item.done === item.total ? "done" : item.done + " of " + item.total + " done";
  }

  function summary(scope, items) {
    var total = items.reduce(function (sum, i) { return sum + i.total; }, 0);
    var done = items.reduce(function (sum, i) { return sum + i.done; }, 0);
    var started = items.filter(function (i) { return i.done > 0; }).length;
    var finished = items.filter(function (i) { return i.done === i.total; }).length;
    var where = scope === "path" ? " on this path" : "";
    if (done === 0) {
      return { done: done, total: total, text: "You have not ticked any checklist items" + where + " yet. " +
        "Your progress is kept in this browser only." };
    }
    if (done === total) {
      return { done: done, total: total, text: "All " + total + " checklist items" + where + " are done." };
    }
    return { done: done, total: total, text: done + " of " + total + " checklist items done" + where + ", in " +
      plural(started, "playbook", "playbooks") + " (" + finished + " finished)." };
  }

  function render(root) {
    var scope = root.dataset.scope || "library";
    var items = counted(root);
    var result = summary(scope, items);
    var status = root.querySelector(".pb-tracker__status");
    if (status) { status.textContent = result.text; }
    var bar = root.querySelector("progress.pb-tracker__bar");
    if (!bar) {
      bar = element("progress", "pb-tracker__bar");
      bar.setAttribute("aria-hidden", "true");
      status.insertAdjacentElement("afterend", bar);
    }
    bar.max = Math.max(1, result.total);
    bar.value = result.done;
    var next = root.querySelector(".pb-tracker__next");
    if (!next) {
      next = element("p", "pb-tracker__next");
      bar.insertAdjacentElement("afterend", next);
    }
    while (next.firstChild) { next.removeChild(next.firstChild); }
    var up = nextUp(items, result.done === 0);
    if (!up && scope === "path" && result.done === 0 && items.length) { up = items[0]; }
    next.hidden = !up;
    if (up) {
      var fresh = result.done === 0 && up.id !== read(LAST);
      next.appendChild(document.createTextNode(fresh ? "Start with " : "Continue with "));
      var link = element("a", "", up.title);
      link.href = up.href;
      next.appendChild(link);
      next.appendChild(document.createTextNode(" (checklist " + progressText(up) + ")."));
    }
    if (root.dataset.badges === "1") { badges(root, items); }
  }

  /* Each counted playbook's progress after the page's links to it (not the block's own list). */
  function badges(root, items) {
    var article = root.closest("article") || document;
    var byHref = {};
    items.forEach(function (item) { byHref[item.href] = item; });
    article.querySelectorAll(".pb-badge").forEach(function (badge) { badge.remove(); });
    article.querySelectorAll("a[href]").forEach(function (link) {
      if (link.closest(".pb-tracker, .headerlink") || link.classList.contains("headerlink")) { return; }
      var item = byHref[plain(link.href)];
      if (!item || item.done === 0) { return; }
      var badge = element("span", "pb-badge" + (item.done === item.total ? " pb-badge--done" : ""));
      badge.appendChild(element("span", "pb-vh", "Checklist: "));
      badge.appendChild(document.createTextNode(progressText(item)));
      var holder = link.parentElement;
      var after = holder && holder.tagName === "STRONG" && holder.childElementCount === 1 ? holder : link;
      after.insertAdjacentElement("afterend", badge);
    });
  }

  function refresh() { document.querySelectorAll(".pb-tracker").forEach(render); }

  function remember() {
    var own = document.querySelector("article .pb-meta") && document.querySelector(".pb-checklist[data-playbook]");
    if (own) { write(LAST, own.dataset.playbook); }
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    var list = box && box.closest ? box.closest(".pb-checklist[data-playbook]") : null;
    if (!list || box.type !== "checkbox") { return; }
    if (!(window.slpRestoring && window.slpRestoring())) { write(LAST, list.dataset.playbook); }
    refresh();
  });
  document.addEventListener("slp:progress-restored", refresh);
  document.addEventListener("slp:checklist-reset", refresh); // checklist.js: a reset, or its undo
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(TICK) === 0) { refresh(); }
  });

  function init() {
    remember();
    refresh();
  }
  window.slpProgress = { refresh: refresh };
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else {
      init();
    }
  }
  /* Every script is deferred, and a page's own scripts come before the theme's bundle: on a full page
     load the theme's document$ exists only from DOMContentLoaded on. Shown by instant navigation, the
     page runs this with document$ already there. */
  if (window.document$ || document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
