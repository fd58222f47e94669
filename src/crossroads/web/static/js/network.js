/* Network page: the relation graph from the page's data, coloured by entity type. */
"use strict";
(function (CR) {
  const data = CR.pageData();
  const box = document.getElementById("network");
  if (!data.nodes || !data.nodes.length) {
    box.appendChild(CR.el("p", {class: "muted pad"}, "No relations match these filters."));
    return;
  }
  CR.network(box, data);
  const legend = document.getElementById("legend");
  const types = new Set(data.nodes.map((n) => n.type));
  for (const t of types) {
    const sw = CR.el("span", {class: "swatch"});
    sw.style.background = CR.colour(t);
    legend.appendChild(CR.el("span", {class: "legend-item"}, sw, t || "unknown"));
  }
})(window.CR);
