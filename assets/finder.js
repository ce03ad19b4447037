// Search and filters for the shortlist page. Every entry is already on the page,
// so finding is filtering the page itself: no index to download, nothing to
// fetch, and it works offline. Without this script the form stays hidden.
(function () {
  "use strict";
  var form = document.querySelector("[data-finder]");
  var root = document.querySelector("[data-tabs]");
  if (!form || !root) return;
  var query = document.getElementById("finder-query");
  var result = document.getElementById("finder-result");
  var topic = document.getElementById("finder-tag");
  var status = document.getElementById("finder-status");
  var panels = Array.prototype.slice.call(root.querySelectorAll(".tabs__panel"));
  var entries = Array.prototype.slice.call(root.querySelectorAll(".entry")).map(function (item) {
    return {
      item: item,
      text: fold(item.textContent),
      result: item.getAttribute("data-result"),
      tags: (item.getAttribute("data-tags") || "").split("\n")
    };
  });
  var announce = null;

  // Case and accents do not matter: "cafe" finds "Café".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matches(entry, words, wanted, tag) {
    return words.every(function (word) { return entry.text.indexOf(word) !== -1; }) &&
      (!wanted || entry.result === wanted) && (!tag || entry.tags.indexOf(tag) !== -1);
  }

  // The words come from the page (data-none, data-one...), in its language: "{count} entries match".
  function words(name, count) {
    return (form.getAttribute("data-" + name) || "").split("{count}").join(String(count));
  }

  function describe(shown, groups) {
    if (shown === 0) return words("none", 0);
    return words(shown === 1 ? "one" : "many", shown) + " " + words(groups === 1 ? "in-one" : "in-many", groups);
  }

  function update() {
    var words = fold(query.value).split(/\s+/).filter(Boolean);
    var wanted = result ? result.value : "";
    var tag = topic ? topic.value : "";
    var active = words.length > 0 || wanted !== "" || tag !== "";
    var shown = 0;
    var groups = 0;
    entries.forEach(function (entry) {
      var match = !active || matches(entry, words, wanted, tag);
      entry.item.hidden = !match;
      if (match) shown += 1;
    });
    panels.forEach(function (panel) {
      var any = panel.querySelector(".entry:not([hidden])") !== null;
      panel.hidden = active && !any;
      if (active && any) groups += 1;
    });
    // While filtering, every category's matches show in turn: tabs would hide them.
    if (active) root.setAttribute("data-filtering", ""); else root.removeAttribute("data-filtering");
    root.dispatchEvent(new CustomEvent("tabs:refresh"));
    // Announce once typing pauses, not at every key.
    window.clearTimeout(announce);
    announce = window.setTimeout(function () {
      status.textContent = active ? describe(shown, groups) : "";
    }, 300);
  }

  // The search lives in the address (?q=...&tag=...), so it can be shared, bookmarked
  // and comes back with the Back button.
  function remember() {
    var params = new URLSearchParams();
    [query, result, topic].forEach(function (field) {
      if (field && field.value) params.set(field.name, field.value);
    });
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") +
      window.location.hash);
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    [query, result, topic].forEach(function (field) {
      if (field && params.has(field.name)) field.value = params.get(field.name);
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function () { update(); remember(); });
  form.addEventListener("change", function () { update(); remember(); });
  restore();
  if (window.location.search) update();
})();
