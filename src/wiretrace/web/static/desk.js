// wiretrace desk: small enhancements; every page works without them.
"use strict";
(function () {
  // Compare page: filter findings by kind (the legend's checkboxes).
  var filter = document.getElementById("kind-filter");
  if (filter) {
    var apply = function () {
      var shown = {};
      filter.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        shown[box.value] = box.checked;
      });
      document.querySelectorAll("#sbs mark[data-kinds]").forEach(function (mark) {
        var kinds = mark.getAttribute("data-kinds").split(" ");
        var on = kinds.some(function (k) { return shown[k]; });
        mark.classList.toggle("off", !on);
      });
      document.querySelectorAll("#findings tr[data-kind]").forEach(function (row) {
        row.classList.toggle("hidden", !shown[row.getAttribute("data-kind")]);
      });
    };
    filter.addEventListener("change", apply);
    apply();
  }
  // Compare page: an aligned passage lights up its partner (hover or keyboard focus).
  var rows = document.querySelectorAll(".sbs-row.aligned");
  rows.forEach(function (row) {
    var on = function () { row.classList.add("linked"); };
    var off = function () { row.classList.remove("linked"); };
    row.addEventListener("mouseenter", on);
    row.addEventListener("mouseleave", off);
    row.addEventListener("focusin", on);
    row.addEventListener("focusout", off);
  });
  // Story page: Enter or Space on a focused edge opens it (links already do on Enter).
  var graph = document.getElementById("graph");
  if (graph) {
    graph.querySelectorAll("a.edge").forEach(function (edge) {
      edge.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          window.location.assign(edge.getAttribute("href"));
        }
      });
    });
  }
})();
