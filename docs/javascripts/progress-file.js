/* Moving progress to another device: in a progress block that offers it (data-transfer="1"), "Save progress to
   a file" writes the checklist ticks ("slp:checklist:...") and the self-assessment answers ("slp:assessment:...")
   kept in this browser to a JSON file, and "Restore from a file" reads such a file back after checking every
   entry. A file that does not check out changes nothing. Nothing is sent anywhere. */
(function () {
  "use strict";
  if (window.slpRestoring) { return; } // loaded already: the theme's instant navigation runs a page's scripts again
  var FORMAT = "sales-leader-playbooks/progress";
  var VERSION = 1;
  var TICK = "slp:checklist:";
  var ANSWER = "slp:assessment:";
  var MAX_BYTES = 1000000;
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
  var ANSWER_KEY = /^[a-z0-9][a-z0-9-]{0,59}(:[a-z0-9][a-z0-9-]{0,59}){0,3}$/;
  var ANSWER_VALUE = /^[a-z0-9][a-z0-9-]{0,39}$/;
  var restoring = false;
  window.slpRestoring = function () { return restoring; };

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* Everything this site keeps in the browser's storage, as the file holds it. */
  function collect() {
    var store = storage();
    var checklists = {};
    var answers = {};
    for (var n = 0; store && n < store.length; n += 1) {
      var key = store.key(n);
      if (key.indexOf(TICK) === 0 && store.getItem(key) === "1") {
        var rest = key.slice(TICK.length);
        var cut = rest.indexOf(":");
        if (cut > 0) { (checklists[rest.slice(0, cut)] = checklists[rest.slice(0, cut)] || []).push(rest.slice(cut + 1)); }
      } else if (key.indexOf(ANSWER) === 0) {
        answers[key.slice(ANSWER.length)] = store.getItem(key);
      }
    }
    Object.keys(checklists).forEach(function (id) { checklists[id].sort(); });
    return { format: FORMAT, version: VERSION, saved_at: new Date().toISOString(),
             checklists: checklists, assessment: answers };
  }

  function save(announce) {
    var data = collect();
    var ticks = Object.keys(data.checklists).reduce(function (sum, id) { return sum + data.checklists[id].length; }, 0);
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    var day = new Date();
    var pad = function (v) { return (v < 10 ? "0" : "") + v; };
    link.download = "sales-leader-playbooks-progress-" + day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" +
      pad(day.getDate()) + ".json";
    link.href = URL.createObjectURL(blob);
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    announce("Saved " + plural(ticks, "ticked item", "ticked items") + " and " +
      plural(Object.keys(data.assessment).length, "self-assessment answer", "self-assessment answers") +
      " to " + link.download + ". Open this page on your other device and restore from that file.");
  }

  /* The file's progress when every entry checks out, else the reason it does not. */
  function check(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { problem: "it is not a JSON file" }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT) {
      return { problem: "it is not a progress file saved from this site" };
    }
    if (data.version !== VERSION) {
      return { problem: "it was saved in format " + JSON.stringify(data.version) + ", and this site reads format " + VERSION };
    }
    var lists = data.checklists || {};
    var answers = data.assessment || {};
    if (typeof lists !== "object" || Array.isArray(lists) || typeof answers !== "object" || Array.isArray(answers)) {
      return { problem: "its checklists or self-assessment are not lists of entries" };
    }
    var ids = Object.keys(lists);
    for (var i = 0; i < ids.length; i += 1) {
      var keys = lists[ids[i]];
      if (!ID.test(ids[i]) || !Array.isArray(keys) || !keys.every(function (k) { return typeof k === "string" && ID.test(k); })) {
        return { problem: "the checklist entry " + JSON.stringify(ids[i]).slice(0, 80) + " is not a list of item keys" };
      }
    }
    var names = Object.keys(answers);
    for (var j = 0; j < names.length; j += 1) {
      if (!ANSWER_KEY.test(names[j]) || typeof answers[names[j]] !== "string" || !ANSWER_VALUE.test(answers[names[j]])) {
        return { problem: "the self-assessment entry " + JSON.stringify(names[j]).slice(0, 80) + " is not an answer" };
      }
    }
    return { checklists: lists, assessment: answers };
  }

  /* The checklist items this site has, from the progress block: {playbook id: {key: true}}. */
  function known(root) {
    var found = {};
    root.querySelectorAll("a[data-playbook]").forEach(function (link) {
      found[link.dataset.playbook] = {};
      (link.dataset.keys || "").split(" ").filter(Boolean).forEach(function (k) { found[link.dataset.playbook][k] = true; });
    });
    return found;
  }

  function restore(root, file, text, announce) {
    var result = check(text);
    if (result.problem) {
      announce("Nothing was restored from " + file + ": " + result.problem + ".", true);
      return;
    }
    var store = storage();
    if (!store) {
      announce("Nothing was restored: this browser does not let the site keep anything.", true);
      return;
    }
    var have = known(root);
    var ticks = 0, playbooks = 0, skipped = 0;
    Object.keys(result.checklists).forEach(function (id) {
      var here = 0;
      result.checklists[id].forEach(function (key) {
        if (have[id] && have[id][key]) { store.setItem(TICK + id + ":" + key, "1"); here += 1; } else { skipped += 1; }
      });
      ticks += here;
      playbooks += here > 0 ? 1 : 0;
    });
    var answers = Object.keys(result.assessment);
    answers.forEach(function (name) { store.setItem(ANSWER + name, result.assessment[name]); });
    syncBoxes();
    document.dispatchEvent(new CustomEvent("slp:progress-restored"));
    if (ticks === 0 && answers.length === 0 && skipped === 0) {
      announce("The file " + file + " holds no progress: nothing was changed.");
      return;
    }
    var message = "Restored " + plural(ticks, "ticked item", "ticked items") + " in " +
      plural(playbooks, "playbook", "playbooks") + " and " +
      plural(answers.length, "self-assessment answer", "self-assessment answers") + " from " + file + ".";
    if (skipped) {
      message += " " + plural(skipped, "tick was", "ticks were") + " left out: this site no longer has " +
        (skipped === 1 ? "that checklist item." : "those checklist items.");
    }
    announce(message);
  }

  /* Checklists already on the page show what is stored now (checklist.js saves and counts on "change"). */
  function syncBoxes() {
    restoring = true; // progress.js: these changes are not the reader's, so they do not move "Continue with"
    try { setBoxes(); } finally { restoring = false; }
  }
  function setBoxes() {
    document.querySelectorAll(".pb-checklist[data-playbook]").forEach(function (list) {
      var keys = (list.dataset.keys || "").split(" ");
      list.querySelectorAll('input[type="checkbox"]').forEach(function (box, index) {
        var stored = storage().getItem(TICK + list.dataset.playbook + ":" + keys[index]) === "1";
        if (box.checked !== stored) {
          box.checked = stored;
          box.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    });
  }

  function button(text, className) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "md-button " + className;
    node.textContent = text;
    return node;
  }

  function setup(root) {
    if (root.dataset.transfer !== "1" || root.querySelector(".pb-transfer")) { return; }
    var box = document.createElement("div");
    box.className = "pb-transfer";
    var hint = document.createElement("p");
    hint.className = "pb-transfer__hint";
    hint.textContent = "Moving to another device? Save your checklist ticks and self-assessment answers to a " +
      "file, then restore it there. The file stays with you: nothing is sent anywhere.";
    var saveButton = button("Save progress to a file", "pb-transfer__save");
    var loadButton = button("Restore from a file", "pb-transfer__load");
    var input = document.createElement("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.hidden = true;
    input.className = "pb-transfer__file";
    input.setAttribute("aria-label", "Progress file to restore");
    var message = document.createElement("p");
    message.className = "pb-transfer__message";
    message.setAttribute("role", "status");
    function announce(text, problem) {
      message.textContent = text;
      message.classList.toggle("pb-transfer__message--problem", !!problem);
    }
    saveButton.addEventListener("click", function () { save(announce); });
    loadButton.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) { return; }
      if (file.size > MAX_BYTES) {
        announce("Nothing was restored from " + file.name + ": it is too large to be a progress file.", true);
        return;
      }
      file.text().then(function (text) { restore(root, file.name, text, announce); },
        function () { announce("Nothing was restored: " + file.name + " could not be read.", true); });
    });
    box.appendChild(hint);
    box.appendChild(saveButton);
    box.appendChild(loadButton);
    box.appendChild(input);
    box.appendChild(message);
    root.appendChild(box);
  }

  function init() { document.querySelectorAll(".pb-tracker").forEach(setup); }
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
