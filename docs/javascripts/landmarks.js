/* Names for the theme's navigation landmarks, so that screen-reader users can tell them apart.

   - A navigation section is named by its toggle label (aria-labelledby). When the section's title is
     also a page ("Reading paths", "Playbooks"), that label holds only an arrow icon; while the drawer
     is closed on a phone, even a label with text is hidden. Each section's <nav> is named with the
     section's title itself (a <label> may not carry a name of its own).
   - The table of contents names its sub-lists after their headings, which can match a section of
     the site's navigation ("The first 90 days" is both): those get "(on this page)".
   - Each search result lists the page's tags in a <nav> of its own, named here after its result. */
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function nameSections() {
    document.querySelectorAll("label.md-nav__link[id]").forEach(function (label) {
      var nav = document.querySelector('nav[aria-labelledby="' + label.id + '"]');
      if (!nav) { return; }
      var title = text(label) || text(label.parentElement && label.parentElement.querySelector("a.md-nav__link"));
      if (!title) { return; }
      nav.setAttribute("aria-label", title);
      nav.removeAttribute("aria-labelledby");
    });
  }

  function nameContents() {
    document.querySelectorAll(".md-nav--secondary nav.md-nav[aria-label]").forEach(function (nav) {
      if (nav.hasAttribute("data-slp-named")) { return; }
      nav.setAttribute("aria-label", nav.getAttribute("aria-label") + " (on this page)");
      nav.setAttribute("data-slp-named", "");
    });
  }

  function nameResultTags(root) {
    root.querySelectorAll(".md-search-result nav.md-tags:not([aria-label])").forEach(function (tags) {
      var article = tags.closest("article");
      var title = text(article && article.querySelector("h1, h2"));
      tags.setAttribute("aria-label", title ? "Tags of " + title : "Tags");
    });
  }

  var watched = null;
  function watchSearch() {
    var results = document.querySelector(".md-search-result");
    if (!results || results === watched || !window.MutationObserver) { return; }
    watched = results;
    new MutationObserver(function () { nameResultTags(results); })
      .observe(results, { childList: true, subtree: true });
    nameResultTags(results);
  }

  function init() {
    nameSections();
    nameContents();
    watchSearch();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
