/* Timeline page: events and dated relations on a zoomable axis (vis-timeline). */
"use strict";
(function (CR) {
  const data = CR.pageData();
  const box = document.getElementById("timeline");
  if (!data.items || !data.items.length) {
    box.appendChild(CR.el("p", {class: "muted pad"}, "Nothing dated matches these filters."));
    return;
  }
  CR.timeline(box, data.items, {maxHeight: 640, short: 48});
})(window.CR);
