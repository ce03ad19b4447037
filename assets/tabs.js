// The shortlist, one category at a time. Without this script every panel shows in turn
// under a contents list. Where scripts run, the stylesheet ((scripting: enabled)) already
// lays the page out as this script leaves it, so nothing moves when it starts:
// - wide screens: a vertical tab list (WAI-ARIA tabs pattern) that stays on screen and
//   scrolls on its own, beside the chosen panel;
// - phones: a sticky category picker (a native select) above the chosen panel;
// - while finder.js filters: every panel with matches, the list and picker jumping to them.
// It also opens and closes long synopses that the stylesheet folds on phones, on the shortlist
// and on a large edition's page of one category.
(function () {
  "use strict";
  // A browser that cannot tell the stylesheet that scripts run keeps the page as built.
  if (!window.matchMedia("(scripting: enabled)").matches) return;
  var wide = window.matchMedia("(min-width: 48em)");
  var slice = function (list) { return Array.prototype.slice.call(list); };

  function Tabs(root) {
    this.root = root;
    this.nav = root.querySelector(".tabs__nav");
    this.lists = slice(root.querySelectorAll(".tabs__list"));
    this.tabs = slice(root.querySelectorAll(".tabs__tab"));
    this.panels = this.tabs.map(function (tab) {
      return document.getElementById(tab.getAttribute("href").slice(1));
    });
    this.picker = root.querySelector("[data-picker]");
    this.bar = root.querySelector(".tabs__picker");
    this.mode = null;
    this.current = 0;
  }

  // The id the URL's hash names. Any hash can arrive in a link: a malformed escape
  // ("#100%") makes decodeURIComponent throw, so it is then taken as written. The id
  // is only ever looked up with getElementById, never put into a CSS selector.
  function hashId() {
    var raw = window.location.hash.slice(1);
    try {
      return decodeURIComponent(raw);
    } catch (error) {
      return raw;
    }
  }

  // The panel that is, or contains, the element the URL's hash names.
  Tabs.prototype.indexForHash = function () {
    var id = hashId();
    var target = id && document.getElementById(id);
    if (!target) return null;
    for (var i = 0; i < this.panels.length; i++) {
      if (this.panels[i].contains(target)) return i;
    }
    return null;
  };

  Tabs.prototype.revealHashTarget = function () {
    var id = hashId();
    var target = id && document.getElementById(id);
    if (target && this.panels.indexOf(target) === -1 && this.panels.some(function (p) { return p.contains(target); })) {
      target.scrollIntoView();
    }
  };

  // "tabs" on wide screens, "picker" on phones, "filtering" while finder.js filters.
  Tabs.prototype.apply = function () {
    var mode = this.root.hasAttribute("data-filtering") ? "filtering" : wide.matches ? "tabs" : "picker";
    if (mode !== this.mode) {
      this.mode = mode;
      var tabs = mode === "tabs";
      this.lists.forEach(function (list) {
        if (tabs) {
          list.setAttribute("role", "tablist");
          list.setAttribute("aria-orientation", "vertical");
          list.setAttribute("aria-labelledby", list.getAttribute("data-labelledby"));
        } else {
          ["role", "aria-orientation", "aria-labelledby"].forEach(function (a) { list.removeAttribute(a); });
        }
      });
      this.tabs.forEach(function (tab, i) {
        var panel = this.panels[i];
        if (tabs) {
          tab.parentNode.setAttribute("role", "presentation");
          tab.setAttribute("role", "tab");
          tab.id = "tab_" + panel.id;
          tab.setAttribute("aria-controls", panel.id);
          panel.setAttribute("role", "tabpanel");
          panel.setAttribute("aria-labelledby", tab.id);
          panel.setAttribute("tabindex", "0");
        } else {
          tab.parentNode.removeAttribute("role");
          ["role", "id", "aria-controls", "aria-selected", "tabindex"].forEach(function (a) { tab.removeAttribute(a); });
          ["role", "aria-labelledby", "tabindex"].forEach(function (a) { panel.removeAttribute(a); });
        }
      }, this);
    }
    this.counts();
    this.select(this.current, false);
  };

  // While filtering, each category says how many of its entries match (finder.js sets
  // data-count on its panel); one without any leaves the list and can't be picked.
  Tabs.prototype.counts = function () {
    var filtering = this.mode === "filtering";
    this.tabs.forEach(function (tab, i) {
      var count = this.panels[i].getAttribute("data-count");
      var shown = filtering && count !== null;
      tab.querySelector(".tabs__count").textContent = shown ? " (" + count + ")" : "";
      tab.parentNode.hidden = shown && count === "0";
      var option = this.picker && this.picker.options[i];
      if (option) {
        if (!option.hasAttribute("data-title")) option.setAttribute("data-title", option.textContent);
        option.textContent = option.getAttribute("data-title") + (shown ? " (" + count + ")" : "");
        option.disabled = shown && count === "0";
      }
    }, this);
    // A group's heading goes with its last category.
    this.lists.forEach(function (list) {
      var empty = !list.querySelector(".tabs__item:not([hidden])");
      list.hidden = empty;
      var heading = list.previousElementSibling;
      if (heading && heading.classList.contains("tabs__group")) heading.hidden = empty;
    });
  };

  Tabs.prototype.select = function (index, updateHash) {
    this.current = index;
    var one = this.mode !== "filtering";
    this.tabs.forEach(function (tab, i) {
      var selected = i === index;
      if (this.mode === "tabs") {
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.setAttribute("tabindex", selected ? "0" : "-1");
      }
      this.panels[i].classList.toggle("tabs__panel--hidden", one && !selected);
    }, this);
    if (this.picker) this.picker.value = this.panels[index].id;
    if (updateHash) {
      // replaceState: switching categories should not fill the Back button's history.
      window.history.replaceState(null, "", window.location.pathname + window.location.search + "#" + this.panels[index].id);
    }
  };

  // The top of the page's visible part: below the sticky picker on phones.
  Tabs.prototype.top = function () {
    var bar = this.bar.getBoundingClientRect();
    return bar.height ? Math.max(bar.bottom, 0) + 8 : 16;
  };

  // Choosing a category far down a long list must not change what is off screen only:
  // the page scrolls back to the top of a panel that starts above the window.
  Tabs.prototype.reveal = function (panel) {
    var top = panel.getBoundingClientRect().top - this.top();
    if (top < 0) window.scrollBy(0, top);
  };

  // The chosen tab stays visible in the list, which scrolls on its own (not the page).
  Tabs.prototype.keepTabVisible = function () {
    var tab = this.tabs[this.current];
    if (this.mode !== "tabs" || !this.nav) return;
    var box = this.nav.getBoundingClientRect();
    var at = tab.getBoundingClientRect();
    var margin = Math.min(at.height, 32);
    if (at.top < box.top) this.nav.scrollTop -= box.top - at.top + margin;
    else if (at.bottom > box.bottom) this.nav.scrollTop += at.bottom - box.bottom + margin;
  };

  // Show one category (or, while filtering, go to it) as the visitor asked.
  Tabs.prototype.go = function (index, focus) {
    if (this.mode === "filtering") {
      this.current = index;
      if (this.picker) this.picker.value = this.panels[index].id;
      window.history.replaceState(null, "", window.location.pathname + window.location.search + "#" + this.panels[index].id);
      this.panels[index].scrollIntoView();
      return;
    }
    this.select(index, true);
    if (focus) focus.focus();
    this.reveal(this.panels[index]);
    this.keepTabVisible();
  };

  Tabs.prototype.onKey = function (event) {
    var index = this.tabs.indexOf(event.target);
    if (index === -1 || this.mode !== "tabs") return;
    var last = this.tabs.length - 1;
    var next = {
      ArrowLeft: index - 1, ArrowUp: index - 1, ArrowRight: index + 1, ArrowDown: index + 1,
      Home: 0, End: last
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    if (next < 0) next = last;
    if (next > last) next = 0;
    this.go(next, this.tabs[next]);
  };

  Tabs.prototype.onClick = function (event) {
    var link = event.target.closest ? event.target.closest("a, button") : null;
    if (!link) return;
    var index = this.tabs.indexOf(link);
    if (index !== -1 && this.mode === "tabs") {
      event.preventDefault();
      this.go(index, link);
    } else if (link.classList.contains("tabs__next") && this.mode !== "filtering") {
      event.preventDefault();
      var next = this.panels.indexOf(document.getElementById(link.getAttribute("href").slice(1)));
      var title = this.panels[next].querySelector(".tabs__panel-title");
      title.setAttribute("tabindex", "-1");
      this.go(next, title);
    } else if (link.classList.contains("tabs__back")) {
      // Back to the list, the picker or (while filtering) the first category with matches.
      event.preventDefault();
      var to = this.mode === "tabs" ? this.tabs[this.current] : !wide.matches ? this.picker :
        this.tabs.filter(function (tab) { return !tab.parentNode.hidden; })[0];
      if (to) {
        to.focus();
        this.keepTabVisible();
      }
    } else if (link.classList.contains("entry__more")) {
      more(this.root, link);
    }
  };

  // "Read more" (its first words; the rest, "about <title>", is for screen readers) or "Show less".
  function more(root, link) {
    var open = link.getAttribute("aria-expanded") !== "true";
    link.setAttribute("aria-expanded", open ? "true" : "false");
    link.firstChild.textContent = root.getAttribute(open ? "data-less" : "data-more");
    document.getElementById(link.getAttribute("aria-controls")).classList.toggle("entry__synopsis--open", open);
  }

  Tabs.prototype.onHash = function () {
    var index = this.indexForHash();
    if (index === null) return;
    if (this.mode === "filtering") {
      this.current = index;
      if (this.picker) this.picker.value = this.panels[index].id;
      return;
    }
    this.select(index, false);
    this.revealHashTarget();
    this.keepTabVisible();
  };

  Tabs.prototype.start = function () {
    var self = this;
    var fromHash = this.indexForHash();
    this.current = fromHash !== null ? fromHash : 0;
    this.apply();
    // From here the script, not the address's :target, says which panel shows.
    this.root.classList.add("tabs--ready");
    this.keepTabVisible();
    this.root.addEventListener("click", this.onClick.bind(this));
    this.root.addEventListener("keydown", this.onKey.bind(this));
    if (this.picker) {
      this.picker.addEventListener("change", function () {
        var index = self.panels.indexOf(document.getElementById(self.picker.value));
        if (index !== -1) self.go(index, null);
      });
    }
    window.addEventListener("hashchange", this.onHash.bind(this));
    wide.addEventListener("change", this.apply.bind(this));
    this.root.addEventListener("tabs:refresh", this.apply.bind(this));
  };

  // A large edition's category has a page of its own, with one panel and no tabs: only its synopses fold.
  slice(document.querySelectorAll("[data-tabs]")).forEach(function (root) {
    var tabs = new Tabs(root);
    if (tabs.tabs.length) {
      tabs.start();
      return;
    }
    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest(".entry__more") : null;
      if (link) more(root, link);
    });
  });
})();
