/* Network (cytoscape.js) and timeline (vis-timeline) builders shared by several pages. */
"use strict";
(function (CR) {
  CR.network = function (container, graph, opts) {
    opts = opts || {};
    const elements = [];
    for (const n of graph.nodes) {
      elements.push({data: {id: n.id, label: n.name || n.id, type: n.type, url: n.url,
                            colour: CR.colour(n.type), centre: n.centre ? 1 : 0}});
    }
    for (const e of graph.edges) {
      elements.push({data: {id: e.id, source: e.source, target: e.target,
                            label: (e.negated ? "not " : "") + (e.predicate || "").replace(/_/g, " "),
                            negated: e.negated ? 1 : 0}});
    }
    const fewEdges = graph.edges.length <= 12;
    const hasCentre = graph.nodes.some((n) => n.centre);
    const cy = cytoscape({
      container, elements, maxZoom: 1.6, minZoom: 0.1,
      style: [
        {selector: "node", style: {"background-color": "data(colour)", label: "data(label)",
          "font-size": opts.small ? 9 : 10, color: "#222", "text-valign": "bottom",
          "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": "110px",
          "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": "1px",
          width: opts.small ? 12 : 16, height: opts.small ? 12 : 16}},
        {selector: "node[centre = 1]", style: {width: 26, height: 26, "border-width": 3, "border-color": "#111",
          "font-weight": "bold", "z-index": 10}},
        {selector: "edge", style: {width: 1.2, "line-color": "#b5bfc9", "target-arrow-color": "#b5bfc9",
          "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier",
          label: fewEdges && !opts.small ? "data(label)" : "", "font-size": 8, color: "#555",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8}},
        {selector: "edge.hover", style: {label: "data(label)", "line-color": "#2f6db5", "target-arrow-color": "#2f6db5", width: 2, "z-index": 20}},
        {selector: "edge[negated = 1]", style: {"line-style": "dashed", "line-color": "#c66"}},
      ],
      /* around an entity: rings, best connected nearest the centre; otherwise force-directed */
      layout: hasCentre || graph.nodes.length > 80
        ? {name: "concentric", animate: false, padding: 20, minNodeSpacing: opts.small ? 8 : 28,
           avoidOverlap: true, concentric: (n) => (n.data("centre") ? 1000 : n.degree()),
           levelWidth: () => 2}
        : {name: "cose", animate: false, padding: 20, nodeRepulsion: () => 9000},
    });
    cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
    cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
    cy.on("mouseover", "node", (ev) => ev.target.connectedEdges().addClass("hover"));
    cy.on("mouseout", "node", (ev) => ev.target.connectedEdges().removeClass("hover"));
    cy.on("tap", "node", (ev) => { const url = ev.target.data("url"); if (url) window.location.href = url; });
    container.dataset.nodes = String(graph.nodes.length);
    return cy;
  };

  CR.timeline = function (container, items, opts) {
    const data = [];
    items.forEach((it, i) => {
      const start = CR.isoDate(it.date);
      if (!start) return;
      /* content as an element built with textContent; the tooltip escaped by hand */
      let text = it.label || it.type || "";
      if (opts && opts.short && text.length > 38) text = text.slice(0, 36) + "…";
      const row = {id: it.id || i, content: CR.el("span", {}, text), start,
                   title: CR.escape((it.evidence && it.evidence[0] && it.evidence[0].text) || it.label || ""),
                   className: "tl-" + (it.kind || "event")};
      if (it.end && it.end > it.date) { row.end = CR.isoDate(it.end); row.type = "range"; }
      else row.type = "point";
      data.push(row);
    });
    const dataset = new vis.DataSet(data);
    const {short, ...rest} = opts || {};
    const tl = new vis.Timeline(container, dataset, Object.assign({
      zoomable: true, stack: true, maxHeight: 420, xss: {disabled: false},
      tooltip: {followMouse: true},
    }, rest));
    tl.on("select", (props) => {
      const it = items.find((x) => String(x.id) === String(props.items[0]));
      const ev = it && it.evidence && it.evidence.find((e) => e.url);
      if (ev) window.location.href = ev.url;
    });
    container.dataset.items = String(data.length);
    return tl;
  };
})(window.CR);
