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
    const cy = cytoscape({
      container, elements,
      style: [
        {selector: "node", style: {"background-color": "data(colour)", label: "data(label)",
          "font-size": opts.small ? 9 : 11, color: "#222", "text-valign": "bottom",
          "text-margin-y": 3, width: opts.small ? 14 : 20, height: opts.small ? 14 : 20}},
        {selector: "node[centre = 1]", style: {width: 30, height: 30, "border-width": 3, "border-color": "#111"}},
        {selector: "edge", style: {width: 1.5, "line-color": "#9aa", "target-arrow-color": "#9aa",
          "target-arrow-shape": "triangle", "curve-style": "bezier", label: opts.small ? "" : "data(label)",
          "font-size": 9, color: "#555", "text-rotation": "autorotate"}},
        {selector: "edge[negated = 1]", style: {"line-style": "dashed", "line-color": "#c66"}},
      ],
      layout: {name: graph.nodes.length > 60 ? "circle" : "cose", animate: false, padding: 20},
    });
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
      const row = {id: it.id || i, content: CR.el("span", {}, it.label || it.type || ""), start,
                   title: CR.escape((it.evidence && it.evidence[0] && it.evidence[0].text) || it.label || ""),
                   className: "tl-" + (it.kind || "event")};
      if (it.end && it.end > it.date) { row.end = CR.isoDate(it.end); row.type = "range"; }
      else row.type = "point";
      data.push(row);
    });
    const dataset = new vis.DataSet(data);
    const tl = new vis.Timeline(container, dataset, Object.assign({
      zoomable: true, stack: true, maxHeight: 420, xss: {disabled: false},
      tooltip: {followMouse: true},
    }, opts || {}));
    tl.on("select", (props) => {
      const it = items.find((x) => String(x.id) === String(props.items[0]));
      if (it && it.evidence && it.evidence[0]) window.location.href = it.evidence[0].url;
    });
    container.dataset.items = String(data.length);
    return tl;
  };
})(window.CR);
