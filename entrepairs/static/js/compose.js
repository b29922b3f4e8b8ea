// Composition page: filter the candidates table by team, profession and organisation, and
// tick or untick every visible candidate at once. No inline handler (Content-Security-Policy).
(function () {
  "use strict";
  function init() {
    var table = document.getElementById("candidates-table");
    if (!table) return;
    var filters = Array.prototype.slice.call(document.querySelectorAll("[data-candidate-filter]"));
    var all = document.getElementById("select-all");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var count = document.getElementById("candidates-count");
    function visibleRows() {
      return rows.filter(function (row) { return !row.hidden; });
    }
    function refreshAll() {
      var boxes = visibleRows().map(function (row) { return row.querySelector("input[type=checkbox]"); });
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      if (all) {
        all.checked = boxes.length > 0 && ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
      }
      if (count) {
        var total = rows.filter(function (row) { return row.querySelector("input").checked; }).length;
        count.textContent = String(total);
      }
    }
    function applyFilters() {
      rows.forEach(function (row) {
        row.hidden = !filters.every(function (select) {
          return !select.value || row.getAttribute("data-" + select.getAttribute("data-candidate-filter")) === select.value;
        });
      });
      refreshAll();
    }
    filters.forEach(function (select) { select.addEventListener("change", applyFilters); });
    if (all) {
      all.addEventListener("change", function () {
        visibleRows().forEach(function (row) { row.querySelector("input[type=checkbox]").checked = all.checked; });
        refreshAll();
      });
    }
    table.addEventListener("change", refreshAll);
    applyFilters();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
