/* Checklists that remember: ticks are kept in this browser's localStorage, keyed by playbook id
   and each item's key (the `{#key}` that ends the item in its playbook, so rewording an item keeps its
   ticks), and never leave the machine. "Reset checklist" clears the ticks and offers "Undo", which puts
   them back until the next tick. Runs on every page view, including instant navigation. */
(function () {
  "use strict";
  var PREFIX = "slp:checklist:";
  var RESET = "slp:checklist-reset"; // told to progress.js, so the page's progress blocks count again

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage unavailable: ticks last until the page is left */ }
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) { node.textContent = text; }
    return node;
  }

  function setup(root) {
    if (root.dataset.ready === "1") { return; }
    root.dataset.ready = "1";
    var playbook = root.dataset.playbook;
    var keys = (root.dataset.keys || "").split(" ");
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"]'));
    var status = element("div", "pb-progress");
    var text = element("span", "pb-progress__text");
    text.setAttribute("role", "status");
    text.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.max = boxes.length;
    bar.setAttribute("aria-hidden", "true");
    var reset = element("button", "md-button pb-progress__reset", "Reset checklist");
    reset.type = "button";
    var notice = element("span", "pb-progress__notice");
    notice.setAttribute("role", "status");
    notice.setAttribute("aria-live", "polite");
    var undo = element("button", "md-button pb-progress__undo", "Undo reset");
    undo.type = "button";
    undo.hidden = true;
    status.appendChild(text);
    status.appendChild(bar);
    status.appendChild(reset);
    status.appendChild(notice);
    status.appendChild(undo);
    root.insertBefore(status, root.firstChild);
    var cleared = null; // the items ticked before the last reset, while it can be undone

    function storageKey(index) { return PREFIX + playbook + ":" + keys[index]; }
    function update() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      text.textContent = done + " of " + boxes.length + " done";
      bar.value = done;
      reset.disabled = done === 0;
      root.classList.toggle("pb-checklist--complete", done === boxes.length && done > 0);
    }
    function offerUndo(ticked) {
      cleared = ticked;
      notice.textContent = ticked ? "Checklist reset." : "";
      undo.hidden = !ticked;
    }
    function told() { document.dispatchEvent(new CustomEvent(RESET, { detail: { playbook: playbook } })); }

    boxes.forEach(function (box, index) {
      var item = box.closest("li");
      box.disabled = false;
      box.checked = read(storageKey(index)) === "1";
      if (item) {
        box.setAttribute("aria-label", item.textContent.trim());
        item.classList.add("pb-item");
        item.addEventListener("click", function (event) {
          if (event.target === box || event.target.closest("a, label")) { return; }
          box.checked = !box.checked;
          box.dispatchEvent(new Event("change", { bubbles: true }));
        });
      }
      box.addEventListener("change", function () {
        write(storageKey(index), box.checked ? "1" : null);
        if (cleared) { offerUndo(null); } // a new tick: the reset stays
        update();
      });
    });
    reset.addEventListener("click", function () {
      var ticked = [];
      boxes.forEach(function (box, index) {
        if (box.checked) { ticked.push(index); }
        box.checked = false;
        write(storageKey(index), null);
      });
      update();
      offerUndo(ticked.length ? ticked : null);
      if (ticked.length) { undo.focus(); } // the reset button is disabled now: keep the reader's place
      told();
    });
    undo.addEventListener("click", function () {
      (cleared || []).forEach(function (index) {
        boxes[index].checked = true;
        write(storageKey(index), "1");
      });
      offerUndo(null);
      notice.textContent = "Ticks restored.";
      update();
      reset.focus();
      told();
    });
    update();
  }

  function init() {
    document.querySelectorAll(".pb-checklist").forEach(setup);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
