/* Wide tables scroll sideways on small screens. A scrolling box has to be reachable with the keyboard,
   so each one that overflows gets a tab stop and a name; the rest get neither. */
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
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label(wrap));
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  function init() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(mark);
  }

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(init, 150);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
