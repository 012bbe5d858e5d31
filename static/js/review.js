// Review queue keyboard: j/k move between figures, c/d/x confirm/dispute/reject the focused one,
// n focuses its note. Dispute and reject need a note: the key focuses the note field and Enter
// there sends the chosen verdict. The forms work without this script (plain POST, redirect back).
(function () {
  "use strict";
  function items() { return Array.prototype.slice.call(document.querySelectorAll(".queue-item")); }
  function current() {
    var el = document.activeElement;
    return el && el.closest ? el.closest(".queue-item") : null;
  }
  function focusItem(item) { if (item) { item.focus(); item.scrollIntoView({ block: "nearest" }); } }
  function move(step) {
    var list = items(), at = list.indexOf(current());
    focusItem(list[Math.min(list.length - 1, Math.max(0, at + step))] || list[0]);
  }
  function press(item, key) {
    var button = item && item.querySelector('button[data-key="' + key + '"]');
    if (!button) { return; }
    var note = item.querySelector(".queue-note");
    if (key !== "c" && note && !note.value.trim()) {
      note.dataset.pending = key;
      note.placeholder = "Why? Enter sends";
      note.focus();
      return;
    }
    button.click();
  }
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("queue") || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && target.classList && target.classList.contains("queue-note")) {
      if (event.key === "Enter" && target.dataset.pending) {
        event.preventDefault();
        press(target.closest(".queue-item"), target.dataset.pending);
      } else if (event.key === "Escape") {
        target.blur();
        focusItem(target.closest(".queue-item"));
      }
      return;
    }
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var item = current();
    if (event.key === "j") { event.preventDefault(); move(1); }
    else if (event.key === "k") { event.preventDefault(); move(-1); }
    else if (item && (event.key === "c" || event.key === "d" || event.key === "x")) { event.preventDefault(); press(item, event.key); }
    else if (item && event.key === "n") { event.preventDefault(); var n = item.querySelector(".queue-note"); if (n) { n.focus(); } }
  });
  // After a verdict the item is replaced: go on with the next one still waiting.
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = items();
    var swapped = event.detail && event.detail.target;
    var at = swapped ? list.indexOf(document.getElementById(swapped.id)) : -1;
    var next = list.slice(at + 1).concat(list.slice(0, Math.max(at, 0))).filter(function (el) {
      return !el.classList.contains("done");
    })[0];
    if (next) { focusItem(next); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector(".queue-item");
    if (first && !location.hash) { first.focus(); }
  });
})();
