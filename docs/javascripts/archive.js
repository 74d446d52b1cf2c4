// Small enhancements; every page works without them.
// 1. Filters and sorting above a claims table (speaker, topic, assessment, year; date or assessment order),
//    built from the table's data-* attributes and kept in the address, so a view can be shared and Back works.
// 2. A "Copy" button beside the ready-made citation.
(function () {
  "use strict";

  // URL parameter, the row attribute it matches (space-separated values), the label readers see.
  var FILTERS = [
    ["speaker", "speaker", "Speaker"],
    ["topic", "topics", "Topic"],
    ["assessment", "assessment", "Assessment"],
    ["year", "year", "Year"]
  ];
  var SORT = "sort";

  function json(text, fallback) {
    try { return JSON.parse(text || ""); } catch (e) { return fallback; }
  }

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function select(name, label, choices) {
    // choices: [[value, text], ...]; the first is the default, left out of the address.
    var wrap = element("label", { "class": "claims-control" });
    wrap.appendChild(element("span", {}, label));
    var box = element("select", { name: name });
    choices.forEach(function (choice) { box.appendChild(element("option", { value: choice[0] }, choice[1])); });
    wrap.appendChild(box);
    return { label: wrap, box: box };
  }

  function columnOf(table, key) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    for (var i = 0; i < heads.length; i += 1) {
      if (heads[i].getAttribute("data-key") === key) { return i; }
    }
    return -1;
  }

  function enhance(table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var titles = json(table.getAttribute("data-topic-titles"), {});
    var assessments = json(table.getAttribute("data-assessment-labels"), []);
    var rank = {};
    var assessmentLabel = {};
    assessments.forEach(function (pair, i) { rank[pair[0]] = i; assessmentLabel[pair[0]] = pair[1]; });
    var speakerColumn = columnOf(table, "speaker");
    var dateColumn = columnOf(table, "date");
    var items = rows.map(function (row, i) {
      var time = dateColumn >= 0 ? row.cells[dateColumn].querySelector("time") : null;
      return { row: row, index: i, date: time ? time.getAttribute("datetime") : "", rank: rank[row.dataset.assessment] || 0 };
    });

    // Each filter offers the values found in the rows, in a reader's order, with the words readers see.
    var labelsFor = {
      speaker: function (value) {
        var row = rows.filter(function (r) { return r.dataset.speaker === value; })[0];
        return speakerColumn >= 0 ? row.cells[speakerColumn].textContent : value;
      },
      topic: function (value) { return titles[value] || value; },
      assessment: function (value) { return assessmentLabel[value] || value; },
      year: function (value) { return value; }
    };
    var orderFor = {
      topic: function (a, b) { return Object.keys(titles).indexOf(a) - Object.keys(titles).indexOf(b); },
      assessment: function (a, b) { return rank[a] - rank[b]; },
      year: function (a, b) { return Number(a) - Number(b); }
    };

    var form = element("form", { "class": "claims-controls", "aria-label": "Filter and sort the claims" });
    var controls = {};
    FILTERS.forEach(function (filter) {
      var seen = {};
      rows.forEach(function (row) {
        (row.getAttribute("data-" + filter[1]) || "").split(" ").forEach(function (v) { if (v) { seen[v] = true; } });
      });
      var values = Object.keys(seen);
      if (values.length < 2 || (filter[0] === "speaker" && speakerColumn < 0)) { return; }
      var label = labelsFor[filter[0]];
      values.sort(orderFor[filter[0]] || function (a, b) { return label(a).localeCompare(label(b)); });
      var choices = [["", "All"]].concat(values.map(function (v) { return [v, label(v)]; }));
      var control = select(filter[0], filter[2], choices);
      control.attribute = filter[1];
      controls[filter[0]] = control;
      form.appendChild(control.label);
    });
    var first = assessments.length ? assessments[0][1].toLowerCase() : "";
    var last = assessments.length ? assessments[assessments.length - 1][1].toLowerCase() : "";
    var sorting = select(SORT, "Sort", [
      ["", "Date, earliest first"],
      ["date-desc", "Date, latest first"],
      ["assessment", "Assessment, " + first + " first"],
      ["assessment-desc", "Assessment, " + last + " first"]
    ]);
    form.appendChild(sorting.label);
    var clear = element("button", { type: "button", "class": "claims-clear" }, "Show all claims");
    form.appendChild(clear);
    var scope = table.getAttribute("data-scope");
    if (scope) {
      form.appendChild(element("p", { "class": "claims-scope" }, "Filters and sorting work on this page only: " + scope + "."));
    }
    var status = element("p", { "class": "claims-count", role: "status" });
    form.appendChild(status);

    function choose(box, value) {
      var known = Array.prototype.some.call(box.options, function (o) { return o.value === value; });
      box.value = known ? value : "";
    }

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      Object.keys(controls).forEach(function (name) { choose(controls[name].box, params.get(name) || ""); });
      choose(sorting.box, params.get(SORT) || "");
    }

    function toAddress() {
      var params = new URLSearchParams(window.location.search);
      Object.keys(controls).forEach(function (name) {
        if (controls[name].box.value) { params.set(name, controls[name].box.value); } else { params.delete(name); }
      });
      if (sorting.box.value) { params.set(SORT, sorting.box.value); } else { params.delete(SORT); }
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }

    function show() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(controls).every(function (name) {
          var wanted = controls[name].box.value;
          return !wanted || (row.getAttribute("data-" + controls[name].attribute) || "").split(" ").indexOf(wanted) >= 0;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var parts = sorting.box.value.split("-");
      var key = parts[0] || "date";
      var descending = parts[1] === "desc";
      items.slice().sort(function (a, b) {
        var d = key === "assessment" ? a.rank - b.rank : (a.date < b.date ? -1 : (a.date > b.date ? 1 : 0));
        return (descending ? -d : d) || a.index - b.index;
      }).forEach(function (item) { body.appendChild(item.row); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (th.getAttribute("data-key") === key) {
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
      clear.disabled = !Object.keys(controls).some(function (name) { return controls[name].box.value; });
      status.textContent = shown + " of " + rows.length + (rows.length === 1 ? " claim" : " claims") + " shown";
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () {
      var address = toAddress();
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(null, "", address);
      }
      show();
    });
    clear.addEventListener("click", function () {
      Object.keys(controls).forEach(function (name) { controls[name].box.value = ""; });
      form.dispatchEvent(new Event("change"));
      var firstBox = form.querySelector("select");
      if (firstBox) { firstBox.focus(); }
    });
    window.addEventListener("popstate", function () { fromAddress(); show(); });
    table.parentNode.insertBefore(form, table);
    fromAddress();
    show();
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
    if (table.tBodies[0] && table.tBodies[0].rows.length > 1 && table.tHead) { enhance(table); }
  });
  document.querySelectorAll(".cite-text").forEach(addCopyButton);
})();
