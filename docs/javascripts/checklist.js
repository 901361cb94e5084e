/* Checklists that remember: ticks are kept in this browser's localStorage, keyed by playbook id
   and item, and never leave the machine. Runs on every page view, including instant navigation. */
(function () {
  "use strict";
  var PREFIX = "slp:checklist:";

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage unavailable: ticks last until the page is left */ }
  }

  function setup(root) {
    if (root.dataset.ready === "1") { return; }
    root.dataset.ready = "1";
    var playbook = root.dataset.playbook;
    var keys = (root.dataset.keys || "").split(" ");
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"]'));
    var status = document.createElement("div");
    status.className = "pb-progress";
    var text = document.createElement("span");
    text.className = "pb-progress__text";
    text.setAttribute("role", "status");
    text.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.max = boxes.length;
    bar.setAttribute("aria-hidden", "true");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button pb-progress__reset";
    reset.textContent = "Reset checklist";
    status.appendChild(text);
    status.appendChild(bar);
    status.appendChild(reset);
    root.insertBefore(status, root.firstChild);

    function storageKey(index) { return PREFIX + playbook + ":" + keys[index]; }
    function update() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      text.textContent = done + " of " + boxes.length + " done";
      bar.value = done;
      reset.disabled = done === 0;
      root.classList.toggle("pb-checklist--complete", done === boxes.length && done > 0);
    }
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
        update();
      });
    });
    reset.addEventListener("click", function () {
      boxes.forEach(function (box, index) { box.checked = false; write(storageKey(index), null); });
      update();
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
