// Small enhancements; every page works without them.
// 1. Filters above a claims table (speaker, topic, assessment), built from the rows' data-* attributes.
// 2. A "Copy" button beside the ready-made citation.
(function () {
  "use strict";

  function options(select, values, labels) {
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = labels[value] || value;
      select.appendChild(option);
    });
  }

  function addFilters(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var form = document.createElement("form");
    form.className = "claims-filter";
    form.setAttribute("aria-label", "Filter the claims");
    var fields = [["speaker", "Speaker"], ["topics", "Topic"], ["assessment", "Assessment"]];
    var selects = {};
    fields.forEach(function (field) {
      var values = {};
      var labels = {};
      rows.forEach(function (row) {
        (row.dataset[field[0]] || "").split(" ").forEach(function (v) { if (v) { values[v] = true; } });
        if (field[0] === "speaker") { labels[row.dataset.speaker] = row.cells[1].textContent; }
        if (field[0] === "assessment") { labels[row.dataset.assessment] = row.cells[row.cells.length - 1].textContent; }
      });
      if (Object.keys(values).length < 2) { return; }
      var label = document.createElement("label");
      label.textContent = field[1] + " ";
      var select = document.createElement("select");
      select.name = field[0];
      options(select, [""], { "": "all" });
      options(select, Object.keys(values).sort(), labels);
      label.appendChild(select);
      form.appendChild(label);
      selects[field[0]] = select;
    });
    var count = document.createElement("output");
    form.appendChild(count);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(selects).every(function (name) {
          var wanted = selects[name].value;
          return !wanted || (row.dataset[name] || "").split(" ").indexOf(wanted) >= 0;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " claims";
    }
    form.addEventListener("change", apply);
    if (Object.keys(selects).length) {
      table.parentNode.insertBefore(form, table);
      apply();
    }
  }

  function addCopyButton(text) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button copy-citation";
    button.textContent = "Copy citation";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent).then(function () { button.textContent = "Copied"; });
    });
    text.parentNode.insertBefore(button, text.nextSibling);
  }

  document.querySelectorAll("table.claims-table").forEach(function (table) {
    if (table.tBodies[0] && table.tBodies[0].rows.length > 1 && table.rows[0].cells.length === 4) { addFilters(table); }
  });
  document.querySelectorAll(".cite-text").forEach(addCopyButton);
})();
