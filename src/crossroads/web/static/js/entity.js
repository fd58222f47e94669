/* Entity page: the small timeline and neighbourhood graph, from the pages' JSON twins. */
"use strict";
(async function (CR) {
  const article = document.querySelector("article.entity");
  if (!article) return;
  const id = encodeURIComponent(article.dataset.entity);
  const tlBox = document.getElementById("mini-timeline");
  const netBox = document.getElementById("mini-network");
  try {
    const tl = await CR.getJSON("/timeline.json?entity=" + id);
    if (tl.items.length && window.vis) CR.timeline(tlBox, tl.items, {maxHeight: 240, short: true});
    else tlBox.appendChild(CR.el("p", {class: "muted"}, "Nothing dated."));
  } catch (err) { tlBox.appendChild(CR.el("p", {class: "muted"}, "Timeline unavailable: " + err.message)); }
  try {
    const g = await CR.getJSON("/network.json?cap=25&entity=" + id);
    if (g.nodes.length && window.cytoscape) CR.network(netBox, g, {small: true});
    else netBox.appendChild(CR.el("p", {class: "muted"}, "No relations."));
  } catch (err) { netBox.appendChild(CR.el("p", {class: "muted"}, "Graph unavailable: " + err.message)); }
})(window.CR);
