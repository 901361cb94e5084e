/* Wide tables scroll sideways on small screens. A scrolling box has to be reachable with the keyboard,
   so each one that overflows gets a tab stop and a name; the rest get neither. Each box is watched with
   a ResizeObserver, whose callback runs once the browser has laid the page out anyway: measuring there
   forces no extra layout, and a box is checked again whenever its size changes (a turned phone, a
   resized window, a table filled in by a script, a box shown after being hidden). */
(function () {
  "use strict";

  function label(wrap) {
    var table = wrap.querySelector("table");
    var heads = table ? Array.prototype.map.call(table.querySelectorAll("th"), function (th) {
      return th.textContent.trim();
    }).filter(Boolean) : [];
    return "Table" + (heads.length ? " of " + heads.join(", ") : "") + " (scrolls sideways)";
  }

  function mark(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      if (wrap.getAttribute("role") === "region") { return; }
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label(wrap));
    } else if (wrap.hasAttribute("role")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  var observer = window.ResizeObserver ? new window.ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var wrap = entry.target.closest(".md-typeset__scrollwrap");
      if (wrap) { mark(wrap); }
    });
  }) : null;

  /* The box and its table are both watched: the box changes size with the window, the table with what
     is written into it (the self-assessment fills its result tables in). Each page view starts afresh. */
  function init() {
    if (observer) { observer.disconnect(); } // the boxes of the page shown before, if any
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (!observer) { mark(wrap); return; }
      observer.observe(wrap);
      var table = wrap.querySelector("table");
      if (table) { observer.observe(table); }
    });
  }

  if (!observer) {
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(init, 150);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
