// Article page: selecting text in the article fills the "add a figure" form with the selection's
// character offsets in the stored text (the text element holds exactly that text).
(function () {
  "use strict";
  function offset(root, node, at) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, at);
    return range.toString().length;
  }
  document.addEventListener("mouseup", function () { fill(); });
  document.addEventListener("keyup", function (event) { if (event.shiftKey) { fill(); } });
  function fill() {
    var root = document.getElementById("article-text"), form = document.getElementById("add-claim-form");
    var sel = window.getSelection();
    if (!root || !form || !sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var r = sel.getRangeAt(0);
    if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) { return; }
    var start = offset(root, r.startContainer, r.startOffset), end = offset(root, r.endContainer, r.endOffset);
    document.getElementById("add-start").value = String(start);
    document.getElementById("add-end").value = String(end);
    document.getElementById("add-selected").textContent = sel.toString();
    document.getElementById("add-claim").open = true;
  }
})();
