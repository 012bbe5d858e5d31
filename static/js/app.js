// Counterclaim front end: draws Plotly charts from JSON the server put in the page, and
// redraws them after htmx swaps. No inline scripts (see the Content-Security-Policy).
(function () {
  "use strict";
  var CONFIG = { responsive: true, displaylogo: false, topojsonURL: "/static/vendor/topojson/" };

  function draw(root) {
    if (!window.Plotly) { return; }
    var nodes = (root || document).querySelectorAll("[data-chart]");
    nodes.forEach(function (node) {
      var source = document.getElementById(node.getAttribute("data-chart"));
      if (!source) { return; }
      var figure;
      try { figure = JSON.parse(source.textContent); } catch (e) { console.warn("bad chart data", e); return; }
      window.Plotly.react(node, figure.data || [], figure.layout || {}, CONFIG).then(function () {
        node.setAttribute("data-drawn", "true");
      });
      if (!node.dataset.bound) {
        node.dataset.bound = "1";
        node.on("plotly_click", function (event) {
          var point = event && event.points && event.points[0];
          var url = point && point.customdata && (Array.isArray(point.customdata) ? point.customdata[0] : point.customdata);
          if (typeof url === "string" && /^\/(?!\/)/.test(url)) { window.location.assign(url); }
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
  // htmx restores pages from its history cache on Back: charts must be drawn again.
  document.addEventListener("htmx:historyRestore", function () { draw(document); });
})();

// A new request clears the last error message shown above the page.
document.addEventListener("htmx:beforeRequest", function () {
  "use strict";
  var flash = document.getElementById("flash");
  if (flash) { flash.innerHTML = ""; }
});

// "From" must be on or before "To": each date field bounds the other, so the date picker
// offers only days that make sense (the server explains the rule if it is broken anyway).
document.addEventListener("change", function (event) {
  "use strict";
  var target = event.target;
  if (!target || (target.id !== "date_from" && target.id !== "date_to")) { return; }
  var from = document.getElementById("date_from");
  var to = document.getElementById("date_to");
  if (from && to) {
    to.min = from.value || "";
    from.max = to.value || "";
  }
});
