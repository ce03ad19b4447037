// Search and filters for the shortlist page, or a large edition's page of one
// category. Every entry is already on the page, so finding is filtering the page
// itself: no index to download, nothing to fetch, and it works offline. The
// stylesheet shows the form only where scripts run ((scripting: enabled)); while a
// filter is on, tabs.js shows every category with matches in turn, and its list and
// picker jump to them with their counts.
(function () {
  "use strict";
  if (!window.matchMedia("(scripting: enabled)").matches) return;
  var form = document.querySelector("[data-finder]");
  var root = document.querySelector("[data-tabs]");
  if (!form || !root) return;
  var slice = function (list) { return Array.prototype.slice.call(list); };
  var status = form.querySelector("[role=status]");
  var clear = form.querySelector("[data-clear]");
  var query = form.elements.namedItem("q");
  // On phones the select filters fold behind this button, which says how many are on ("Filters (1)").
  var toggle = form.querySelector(".finder__toggle");
  var on = toggle ? toggle.querySelector("[data-on]") : null;
  // The select filters present, each named as in the address (?result=winner&tag=...&focus=...).
  var filters = ["result", "tag", "focus"].map(function (name) {
    return form.elements.namedItem(name);
  }).filter(Boolean);
  var fields = [query].concat(filters);
  var panels = slice(root.querySelectorAll(".tabs__panel"));
  var total = panels.reduce(function (sum, panel) { return sum + panel.querySelectorAll(".entry").length; }, 0);
  var entries = [];
  panels.forEach(function (panel) {
    slice(panel.querySelectorAll(".entry")).forEach(function (item) {
      entries.push({
        item: item,
        panel: panel,
        // What a search looks in: the words a visitor reads (not the buttons' and links' extra words).
        text: fold(slice(item.querySelectorAll(".entry__result, .entry__title, .entry__organisation, " +
          ".entry__synopsis, .citation, .entry__focus")).map(function (part) { return part.textContent; })
          .concat(item.getAttribute("data-tags") || "").join(" ")),
        result: item.getAttribute("data-result") || "",
        tag: (item.getAttribute("data-tags") || "").split("\n"),
        focus: (item.getAttribute("data-focus") || "").split(" ")
      });
    });
  });
  var announce = null;

  // Case and accents do not matter: "cafe" finds "Café".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matches(entry, words) {
    return words.every(function (word) { return entry.text.indexOf(word) !== -1; }) &&
      filters.every(function (field) {
        var wanted = field.value;
        if (!wanted) return true;
        return field.name === "result" ? entry.result === wanted : entry[field.name].indexOf(wanted) !== -1;
      });
  }

  // The words come from the page (data-none, data-one...), in its language: "2 of 18 entries match in 2 categories.".
  function words(name, values) {
    var text = form.getAttribute("data-" + name) || "";
    Object.keys(values).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  // A page of one category (a large edition's) gives no "in 2 categories." to end the count with.
  function describe(shown, groups) {
    if (shown === 0) return words("none", {});
    var where = words(groups === 1 ? "in-one" : "in-many", { count: groups });
    return words(shown === 1 ? "one" : "many", { shown: shown, total: total }) + (where ? " " + where : ".");
  }

  function unfold(open) {
    if (toggle) toggle.setAttribute("aria-expanded", String(open));
  }

  function update() {
    var said = query ? fold(query.value).split(/\s+/).filter(Boolean) : [];
    var active = said.length > 0 || filters.some(function (field) { return field.value !== ""; });
    var shown = 0;
    var groups = 0;
    panels.forEach(function (panel) { panel.setAttribute("data-count", "0"); });
    entries.forEach(function (entry) {
      var match = !active || matches(entry, said);
      entry.item.hidden = !match;
      if (match) {
        shown += 1;
        entry.panel.setAttribute("data-count", String(Number(entry.panel.getAttribute("data-count")) + 1));
      }
    });
    panels.forEach(function (panel) {
      var count = Number(panel.getAttribute("data-count"));
      panel.hidden = active && count === 0;
      if (active && count) groups += 1;
      // "2 of 9 entries match" instead of "9 shortlisted entries" above the two.
      var said = panel.querySelector(".tabs__panel-count");
      if (!said) return;
      if (!said.hasAttribute("data-all")) said.setAttribute("data-all", said.textContent);
      said.textContent = active ? words(count === 1 ? "one" : "many",
        { shown: count, total: panel.querySelectorAll(".entry").length }) : said.getAttribute("data-all");
    });
    if (active) root.setAttribute("data-filtering", ""); else root.removeAttribute("data-filtering");
    root.dispatchEvent(new CustomEvent("tabs:refresh"));
    if (clear) clear.disabled = !active;
    var chosen = filters.filter(function (field) { return field.value !== ""; }).length;
    if (on) on.textContent = chosen ? " (" + chosen + ")" : "";
    // Announce once typing pauses, not at every key.
    window.clearTimeout(announce);
    announce = window.setTimeout(function () {
      var text = active ? describe(shown, groups) : status.getAttribute("data-all");
      if (status.textContent !== text) status.textContent = text;  // the same words again are not news
    }, 300);
  }

  // The search lives in the address (?q=...&tag=...), so it can be shared, bookmarked
  // and comes back with the Back button.
  function address() {
    var params = new URLSearchParams();
    fields.forEach(function (field) {
      if (field && field.value) params.set(field.name, field.value);
    });
    var search = params.toString();
    return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  }

  function remember() {
    window.history.replaceState(null, "", address());
  }

  // Only values the page offers are taken from the address: a select keeps "any" otherwise.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (field) {
      if (!field) return;
      var value = params.get(field.name) || "";
      if (field.tagName === "SELECT") {
        var known = slice(field.options).some(function (option) { return option.value === value; });
        if (!known) value = "";
      }
      field.value = value;
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function () { update(); remember(); });
  form.addEventListener("change", function () { update(); remember(); });
  if (clear) {
    clear.addEventListener("click", function () {
      fields.forEach(function (field) { if (field) field.value = ""; });
      update();
      remember();
      if (query) query.focus();
    });
  }
  if (toggle) {
    toggle.addEventListener("click", function () { unfold(toggle.getAttribute("aria-expanded") !== "true"); });
  }
  // A topic or focus area on an entry is a link to this page filtered by it (?tag=..., ?focus=...):
  // here it filters at once (the other filters kept), as a new step in the history, and takes
  // the visitor to the filter it set.
  root.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".entry__tags--links a") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    var field = null;
    new URLSearchParams(link.getAttribute("href").split("?")[1] || "").forEach(function (value, name) {
      var named = form.elements.namedItem(name);
      if (filters.indexOf(named) === -1) return;
      named.value = value;
      field = named;
    });
    if (!field) return;
    event.preventDefault();
    window.history.pushState(null, "", address().split("#")[0]);
    update();
    unfold(true);  // on a phone, the filter it set is shown
    field.focus();
  });
  // Back and Forward between such steps bring their filters back.
  window.addEventListener("popstate", function () {
    restore();
    update();
  });
  restore();
  update();
})();
