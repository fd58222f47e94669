/* Network page: a force layout, edges that open their evidence, nodes that expand, and a
   GraphML download of exactly what is on screen. */
"use strict";
(function (CR) {
  const data = CR.pageData();
  const box = document.getElementById("network");
  const panel = document.getElementById("net-panel");
  const shown = document.getElementById("net-shown");
  if (!data.nodes || !data.nodes.length) {
    box.appendChild(CR.el("p", {class: "muted pad"}, "No relations match these filters."));
    return;
  }

  function evidenceList(evs) {
    const ul = CR.el("ul", {class: "evidence"});
    for (const ev of evs) {
      if (ev.kind === "pack") {
        const li = CR.el("li", {class: "packev"}, CR.el("span", {}, ev.text || ""), " ",
          CR.el("span", {class: "src"}, "knowledge pack" + (ev.note ? ": " + ev.note : "") + (ev.host ? " (" + ev.host + ")" : "")));
        if (ev.url) {  /* the outside link only on request */
          const det = CR.el("details", {class: "srclink"}, CR.el("summary", {}, "source link"),
            CR.el("a", {href: ev.url, rel: "noopener noreferrer external", target: "_blank"}, "Open " + (ev.host || "the source") + " in a new tab"));
          li.appendChild(det);
        }
        ul.appendChild(li);
      } else {
        ul.appendChild(CR.el("li", {}, CR.el("q", {}, ev.text || ""),
          CR.el("span", {class: "src"}, CR.el("a", {class: "evlink", href: ev.url}, ev.title || ev.source || "source"),
            ev.published ? ", " + ev.published : "")));
      }
    }
    return ul;
  }

  async function showEdge(edge) {
    const d = edge.data();
    const s = cy.getElementById(d.source).data("label"), t = cy.getElementById(d.target).data("label");
    panel.replaceChildren(CR.el("h2", {}, s + " " + d.label + " " + t), CR.el("p", {class: "muted"}, "Loading its evidence…"));
    try {
      const q = new URLSearchParams({entity: d.source, predicate: d.predicate, limit: "500", mode: "both"});
      const facts = await CR.getJSON("/api/facts?" + q);
      const f = facts.items.find((x) => x.id === d.fact) ||
        facts.items.find((x) => x.subject && x.subject.id === d.source && x.object && x.object.id === d.target);
      const head = CR.el("h2", {}, CR.entLink(f ? f.subject : null), " " + d.label + " ", CR.entLink(f ? f.object : null));
      const meta = CR.el("p", {class: "muted"}, f ? (f.sources + " source" + (f.sources === 1 ? "" : "s") +
        (f.credibility ? " · credibility " + f.credibility + " " + (f.credibility_label || "") : "") +
        (f.start || f.end ? " · " + (f.start || "?") + "–" + (f.end || "") : "")) : "No evidence found for this edge.");
      panel.replaceChildren(head, meta, f ? evidenceList(f.evidence) : CR.el("span"));
    } catch (err) { panel.replaceChildren(CR.el("p", {class: "muted"}, "Evidence unavailable: " + err.message)); }
  }

  async function expand(node) {
    const d = node.data();
    panel.replaceChildren(CR.el("h2", {}, CR.el("a", {href: d.url, class: "ent t-" + (d.type || "unknown")}, d.label)),
      CR.el("p", {class: "muted"}, (d.type || "") + " · degree " + d.degree + " · expanding…"));
    if (node.hasClass("expanded")) { panel.lastChild.textContent = (d.type || "") + " · degree " + d.degree + " · already expanded"; return; }
    try {
      const q = new URLSearchParams({entity: d.id, depth: "1", cap: "25", mode: data.mode || "both"});
      const g = await CR.getJSON("/network.json?" + q);
      const add = [];
      for (const n of g.nodes) if (cy.getElementById(n.id).empty()) add.push({group: "nodes", data: {
        id: n.id, label: n.name || n.id, type: n.type, url: n.url, colour: CR.colour(n.type),
        centre: 0, degree: n.degree || 0, centrality: Math.min(0.3, n.centrality || 0)}});
      let newEdges = 0;
      for (const e of g.edges) {
        const id = "x" + (e.fact || (e.source + e.predicate + e.target));
        const dup = cy.edges().some((x) => x.data("fact") && x.data("fact") === e.fact);
        if (dup || !cy.getElementById(id).empty()) continue;
        newEdges += 1;
        add.push({group: "edges", data: {id, source: e.source, target: e.target, fact: e.fact, predicate: e.predicate,
          label: (e.negated ? "not " : "") + (e.predicate || "").replace(/_/g, " "), negated: e.negated ? 1 : 0,
          origin: e.origin || "extract", sources: e.sources || 0}});
      }
      cy.add(add);
      node.addClass("expanded");
      cy.layout(Object.assign(CR.networkLayout(cy.nodes().length, false), {randomize: false})).run();
      box.dataset.nodes = String(cy.nodes().length);
      box.dataset.edges = String(cy.edges().length);
      shown.textContent = cy.nodes().length + " nodes · " + cy.edges().length + " edges";
      const added = add.length - newEdges;
      panel.lastChild.textContent = (d.type || "") + " · degree " + d.degree + " · expanded: " + added + " new node" +
        (added === 1 ? "" : "s") + ", " + newEdges + " new edge" + (newEdges === 1 ? "" : "s") +
        (g.left_out && g.left_out.nodes ? " (" + g.left_out.nodes + " more left out)" : "");
    } catch (err) { panel.lastChild.textContent = "Could not expand: " + err.message; }
  }

  const cy = CR.network(box, data, {onNode: expand, onEdge: showEdge});
  window.CR.cy = cy;
  document.getElementById("graphml").addEventListener("click", () => {
    const blob = new Blob([CR.graphml(cy)], {type: "application/graphml+xml"});
    const a = CR.el("a", {download: "crossroads-network.graphml"});
    a.href = URL.createObjectURL(blob);
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  const legend = document.getElementById("legend");
  for (const t of new Set(data.nodes.map((n) => n.type))) {
    const sw = CR.el("span", {class: "swatch"});
    sw.style.background = CR.colour(t);
    legend.appendChild(CR.el("span", {class: "legend-item"}, sw, t || "unknown"));
  }
})(window.CR);
