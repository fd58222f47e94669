/* Timeline page: events and dated relations on a zoomable axis (vis-timeline). */
"use strict";
(function (CR) {
  const data = CR.pageData();
  const box = document.getElementById("timeline");
  if (!data.items || !data.items.length) {
    box.appendChild(CR.el("p", {class: "muted pad"}, "Nothing dated matches these filters."));
    return;
  }
  const tl = CR.timeline(box, data.items, {maxHeight: 640, short: 48});
  CR.tl = tl;
  /* the window you zoom or drag to is a brush: the map and the events list open on it */
  const links = document.getElementById("tl-links");
  const iso = (d) => d.toISOString().slice(0, 10);
  function relink() {
    if (!links) return;
    const w = tl.getWindow();
    const q = new URLSearchParams({date_from: iso(w.start), date_to: iso(w.end)});
    if (data.entity) q.set("entity", data.entity);
    links.querySelector(".to-events").href = "/events?" + q;
    links.querySelector(".to-map").href = "/map?" + new URLSearchParams({date_from: iso(w.start).slice(0, 4), date_to: iso(w.end).slice(0, 4)});
    links.querySelector(".window").textContent = iso(w.start) + " – " + iso(w.end);
    /* the list below follows the window: what is out of view is hidden */
    const rows = Array.from(document.querySelectorAll("#tl-list li[data-date]"));
    let shown = 0;
    for (const li of rows) {
      const d = CR.isoDate(li.dataset.date);
      const inside = d && d >= w.start && d <= w.end;
      li.hidden = !inside;
      if (inside) shown += 1;
    }
    const note = document.getElementById("tl-inview");
    if (note) note.textContent = shown === rows.length ? "" : shown + " of " + rows.length + " in the window above";
  }
  tl.on("rangechanged", relink);
  relink();
})(window.CR);
