// Keeps an open call to enter current while the page is open. The build wrote the
// deadline's wording ("12 days left") as of the build; this script keeps it right as the
// days pass and, when the deadline passes, closes the call: its text becomes "Entries have
// closed" and every link to start an entry ([data-entry-link]) goes. Days are counted in
// the programme's time zone (data-zone), whatever the visitor's own. The words come from
// the call's data attributes (data-days-left, data-today, data-today-at, data-tomorrow,
// data-tomorrow-at, data-closed), which the build writes in the page's language; a
// "{days}" or "{time}" in them is filled in here. English is the fallback.
(function () {
  "use strict";
  var calls = Array.prototype.slice.call(document.querySelectorAll("[data-deadline]"));
  var MINUTE = 60000;
  var DAY = 86400000;
  var timer = null;

  // The parts of `time` as read on a clock in `zone`: {year, month, day, hour, minute}.
  function parts(time, zone) {
    var found = {};
    var format;
    try {
      format = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone || undefined, year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", hourCycle: "h23"
      });
    } catch (error) {  // an unknown zone: the visitor's own
      format = new Intl.DateTimeFormat("en-GB", {
        year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23"
      });
    }
    format.formatToParts(new Date(time)).forEach(function (part) {
      if (part.type !== "literal") found[part.type] = parseInt(part.value, 10);
    });
    return found;
  }

  // A day number that counts whole days, for the difference between two dates.
  function dayNumber(p) {
    return Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY);
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  var ENGLISH = {
    "days-left": "{days} days left", "today": "closes today", "today-at": "closes today at {time}",
    "tomorrow": "closes tomorrow", "tomorrow-at": "closes tomorrow at {time}", "closed": "Entries have closed"
  };

  // The call's wording for `name` ("days-left", "today"…), with its {days} and {time} filled in.
  function say(call, name, values) {
    var text = call.getAttribute("data-" + name);
    if (text === null) text = ENGLISH[name];
    return text.replace(/\{(days|time)\}/g, function (whole, key) {
      return values && values.hasOwnProperty(key) ? String(values[key]) : whole;
    });
  }

  // The same words the build writes: "12 days left", "closes tomorrow at 17:00", "closes today".
  function words(call, deadline, zone, allDay, now) {
    var end = parts(allDay ? deadline - MINUTE : deadline, zone);  // a date alone ends at midnight
    var days = dayNumber(end) - dayNumber(parts(now, zone));
    var at = { time: two(end.hour) + ":" + two(end.minute) };
    if (days <= 0) return allDay ? say(call, "today") : say(call, "today-at", at);
    if (days === 1) return allDay ? say(call, "tomorrow") : say(call, "tomorrow-at", at);
    return say(call, "days-left", { days: days });
  }

  function close(call) {
    call.setAttribute("data-phase", "closed");
    call.classList.remove("call--open", "status--open");
    call.classList.add(call.classList.contains("status") ? "status--closed" : "call--closed");
    while (call.firstChild) call.removeChild(call.firstChild);
    var text = document.createElement("p");
    text.className = call.classList.contains("status") ? "status__text" : "call__text";
    text.textContent = say(call, "closed");
    call.appendChild(text);
    Array.prototype.forEach.call(document.querySelectorAll("[data-entry-link]"), function (link) {
      link.parentNode.removeChild(link);
    });
  }

  function tick() {
    var now = Date.now();
    var next = Infinity;
    window.clearTimeout(timer);
    calls.forEach(function (call) {
      if (call.getAttribute("data-phase") !== "open") return;
      var deadline = Date.parse(call.getAttribute("data-deadline"));
      if (isNaN(deadline)) return;
      if (now >= deadline) {
        close(call);
        return;
      }
      var shown = call.querySelector("[data-countdown]");
      if (shown) {
        var text = words(call, deadline, call.getAttribute("data-zone"), call.hasAttribute("data-all-day"), now);
        if (shown.textContent !== text) shown.textContent = text;
      }
      next = Math.min(next, deadline - now);
    });
    // Wake at the deadline, or at the next minute to keep the words current.
    if (next !== Infinity) timer = window.setTimeout(tick, Math.min(next, MINUTE - now % MINUTE));
  }

  if (!calls.length) return;
  tick();
  // After the first update, which only brings the build's words up to date: from now on the
  // wording changes at most once a day and at the deadline, and screen readers hear it.
  calls.forEach(function (call) { call.setAttribute("role", "status"); });
  // Timers sleep in background tabs: catch up when the page is seen again.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) tick();
  });
})();
