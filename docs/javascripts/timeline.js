// The timeline chart works without this. On a narrow screen the chart scrolls sideways, and
// Chromium does not scroll an SVG link into view when it gets the keyboard's focus; this does.
document.addEventListener("focusin", function (event) {
  "use strict";
  var mark = event.target.closest && event.target.closest(".tl-chart a");
  if (mark) { mark.scrollIntoView({ block: "nearest", inline: "nearest" }); }
});
