// Search and filters for the good-practice library, like finder.js on the shortlist:
// every project is already on the page, so finding is hiding the others. Nothing is
// fetched, so it works offline. Each item carries data-edition, data-category,
// data-result and data-focus (space-separated focus area slugs); in a large library a
// row's data-edition and data-category are its group's. The stylesheet shows
// the form from the first paint where scripts run (`scripting: enabled`), so nothing moves
// when this starts; without scripts the form stays hidden and every project is listed.
(function () {
  "use strict";
  if (!window.matchMedia("(scripting: enabled)").matches) return;  // the form is hidden: leave the page as built
  var form = document.querySelector("[data-library]");
  var list = document.querySelector("[data-library-items]");
  if (!form || !list) return;
  var status = form.querySelector("[data-library-status]");
  var clear = form.querySelector("[data-clear]");
  var query = form.elements.namedItem("q");
  // The select filters present, each matched against the item attribute of the same name.
  var filters = ["focus", "edition", "category", "result"].map(function (name) {
    return form.elements.namedItem(name);
  }).filter(Boolean);
  var fields = [query].concat(filters);
  // A large library (lists.LIBRARY_AT) lists its projects in rows under their year's category: the group holds
  // data-edition and data-category, and its heading's words are searched with each of its rows.
  var slice = function (found) { return Array.prototype.slice.call(found); };
  var groups = slice(list.querySelectorAll("[data-library-group]"));
  // A row without data-result has the last result, which the list names.
  var items = slice(groups.length ? list.querySelectorAll("[data-library-group] li") : list.children).map(function (item) {
    var group = item.closest("[data-category]");
    var heading = groups.length ? group.querySelector("h2").textContent + " " : "";
    return {
      item: item,
      group: group,
      text: fold(heading + item.textContent),
      focus: (item.getAttribute("data-focus") || "").split(" ").filter(Boolean),
      edition: group.getAttribute("data-edition") || "",
      category: group.getAttribute("data-category") || "",
      result: item.getAttribute("data-result") || list.getAttribute("data-result") || ""
    };
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
        return field.name === "focus" ? entry.focus.indexOf(wanted) !== -1 : entry[field.name] === wanted;
      });
  }

  // The words come from the page (data-none, data-one, data-many), in its language: "{shown} of {total} projects match.".
  function describe(shown) {
    var text = form.getAttribute(shown === 0 ? "data-none" : items.length === 1 ? "data-one" : "data-many") || "";
    return text.split("{shown}").join(String(shown)).split("{total}").join(String(items.length));
  }

  function update() {
    var words = query ? fold(query.value).split(/\s+/).filter(Boolean) : [];
    var active = words.length > 0 || filters.some(function (field) { return field.value !== ""; });
    var shown = 0;
    groups.forEach(function (group) { group.hidden = true; });  // until one of its projects is shown
    items.forEach(function (entry) {
      var match = !active || matches(entry, words);
      entry.item.hidden = !match;
      if (match) {
        shown += 1;
        if (groups.length) entry.group.hidden = false;
      }
    });
    if (clear) clear.disabled = !active;
    // Announce once typing pauses, not at every key.
    window.clearTimeout(announce);
    announce = window.setTimeout(function () {
      status.textContent = active ? describe(shown) : "";
    }, 300);
  }

  // The search lives in the address (?focus=maternity&edition=2025...), so it can be
  // shared, bookmarked, and comes back with the Back button.
  function remember() {
    var params = new URLSearchParams();
    fields.forEach(function (field) {
      if (field && field.value) params.set(field.name, field.value);
    });
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") +
      window.location.hash);
  }

  // Only values the page offers are taken from the address: a select keeps its own otherwise.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (field) {
      if (!field || !params.has(field.name)) return;
      var value = params.get(field.name);
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (option) { return option.value === value; });
        if (!known) return;
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
  restore();
  update();
})();
