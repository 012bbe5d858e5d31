// Counterclaim front end: draws Plotly charts from JSON the server put in the page, and
// redraws them after htmx swaps. No inline scripts (see the Content-Security-Policy).
(function () {
  "use strict";
  // No link to any online service: no logo, no "edit in Chart Studio", no send-to-cloud or share link.
  var CONFIG = {
    responsive: true, displaylogo: false, showLink: false, sendData: false, showSendToCloud: false,
    showEditInChartStudio: false, topojsonURL: "/static/vendor/topojson/"
  };

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

// Phone: the filter form folds behind a button. The state lives on <body>, which htmx never
// swaps, so the form stays open or closed as the user left it while the list is replaced.
document.documentElement.classList.add("js");
(function () {
  "use strict";
  function sync() {
    var open = document.body.classList.contains("filters-open");
    document.querySelectorAll("[data-toggle-filters]").forEach(function (b) {
      b.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-toggle-filters]");
    if (!button) { return; }
    document.body.classList.toggle("filters-open");
    sync();
  });
  document.addEventListener("htmx:afterSettle", sync);
})();
