// Tabs for the shortlist page, after the WAI-ARIA Authoring Practices tabs pattern.
// Without this script (or on narrow screens) every panel shows in turn under a
// contents list; on wide screens the list becomes a vertical tab list.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48em)");

  function Tabs(root) {
    this.root = root;
    this.list = root.querySelector(".tabs__list");
    this.tabs = Array.prototype.slice.call(root.querySelectorAll(".tabs__tab"));
    this.panels = this.tabs.map(function (tab) {
      return document.getElementById(tab.getAttribute("href").slice(1));
    });
    this.onClick = this.onClick.bind(this);
    this.onKey = this.onKey.bind(this);
    this.onHash = this.onHash.bind(this);
  }

  Tabs.prototype.enhance = function () {
    var self = this;
    this.root.classList.add("tabs--enhanced");
    this.list.setAttribute("role", "tablist");
    this.list.setAttribute("aria-orientation", "vertical");
    this.list.setAttribute("aria-labelledby", "tabs-title");
    this.tabs.forEach(function (tab, i) {
      var panel = self.panels[i];
      tab.parentNode.setAttribute("role", "presentation");
      tab.setAttribute("role", "tab");
      tab.id = "tab_" + panel.id;
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
      tab.addEventListener("click", self.onClick);
      tab.addEventListener("keydown", self.onKey);
    });
    window.addEventListener("hashchange", this.onHash);
    var fromHash = this.indexForHash();
    this.select(fromHash !== null ? fromHash : Math.max(this.current || 0, 0), false);
    this.revealHashTarget();
  };

  Tabs.prototype.plain = function () {
    var self = this;
    this.root.classList.remove("tabs--enhanced");
    ["role", "aria-orientation", "aria-labelledby"].forEach(function (a) { self.list.removeAttribute(a); });
    this.tabs.forEach(function (tab, i) {
      var panel = self.panels[i];
      tab.parentNode.removeAttribute("role");
      ["role", "id", "aria-controls", "aria-selected", "tabindex"].forEach(function (a) { tab.removeAttribute(a); });
      ["role", "aria-labelledby", "tabindex"].forEach(function (a) { panel.removeAttribute(a); });
      panel.classList.remove("tabs__panel--hidden");
      tab.removeEventListener("click", self.onClick);
      tab.removeEventListener("keydown", self.onKey);
    });
    window.removeEventListener("hashchange", this.onHash);
  };

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

  // The tab whose panel is, or contains, the element the URL's hash names.
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
    if (target && this.panels.indexOf(target) === -1) target.scrollIntoView();
  };

  Tabs.prototype.select = function (index, updateHash) {
    this.current = index;
    this.tabs.forEach(function (tab, i) {
      var selected = i === index;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.setAttribute("tabindex", selected ? "0" : "-1");
      this.panels[i].classList.toggle("tabs__panel--hidden", !selected);
    }, this);
    if (updateHash) {
      // replaceState: switching tabs should not fill the Back button's history.
      window.history.replaceState(null, "", "#" + this.panels[index].id);
    }
  };

  Tabs.prototype.onClick = function (event) {
    event.preventDefault();
    var index = this.tabs.indexOf(event.currentTarget);
    this.select(index, true);
    this.tabs[index].focus();
  };

  Tabs.prototype.onKey = function (event) {
    var index = this.tabs.indexOf(event.currentTarget);
    var last = this.tabs.length - 1;
    var next = {
      ArrowLeft: index - 1, ArrowUp: index - 1, ArrowRight: index + 1, ArrowDown: index + 1,
      Home: 0, End: last
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    if (next < 0) next = last;
    if (next > last) next = 0;
    this.select(next, true);
    this.tabs[next].focus();
  };

  Tabs.prototype.onHash = function () {
    var index = this.indexForHash();
    if (index !== null) {
      this.select(index, false);
      this.revealHashTarget();
    }
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), function (root) {
    var tabs = new Tabs(root);
    if (!tabs.tabs.length) return;
    // Tabs on wide screens, unless the shortlist is being searched (finder.js).
    var apply = function () {
      if (wide.matches && !root.hasAttribute("data-filtering")) tabs.enhance(); else tabs.plain();
    };
    apply();
    wide.addEventListener("change", apply);
    root.addEventListener("tabs:refresh", apply);
  });
})();
