/* Network (cytoscape.js) and timeline (vis-timeline) builders shared by several pages. */
"use strict";
(function (CR) {
  function nodeData(n) {
    return {id: n.id, label: n.name || n.id, type: n.type, url: n.url, colour: CR.colour(n.type),
            centre: n.centre ? 1 : 0, degree: n.degree || 0, centrality: n.centrality || 0};
  }
  function edgeData(e) {
    return {id: e.id, source: e.source, target: e.target, fact: e.fact, predicate: e.predicate,
            label: (e.negated ? "not " : "") + (e.predicate || "").replace(/_/g, " "),
            negated: e.negated ? 1 : 0, origin: e.origin || "extract", sources: e.sources || 0,
            start: e.start || "", end: e.end || ""};
  }
  CR.networkElements = function (graph) {
    return graph.nodes.map((n) => ({group: "nodes", data: nodeData(n)}))
      .concat(graph.edges.map((e) => ({group: "edges", data: edgeData(e)})));
  };

  /* a force layout (cose); nodes sized by degree centrality, the centre outlined */
  CR.network = function (container, graph, opts) {
    opts = opts || {};
    const small = Boolean(opts.small);
    const fewEdges = graph.edges.length <= 12;
    const top = Math.max(0.05, ...graph.nodes.map((n) => n.centrality || 0));
    const cy = cytoscape({
      container, elements: CR.networkElements(graph), maxZoom: 2.5, minZoom: 0.1,
      style: [
        {selector: "node", style: {"background-color": "data(colour)", label: "data(label)",
          "font-size": small ? 9 : 10, color: "#222", "text-valign": "bottom",
          "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": "120px",
          "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": "1px",
          width: `mapData(centrality, 0, ${top}, ${small ? 10 : 14}, ${small ? 30 : 56})`,
          height: `mapData(centrality, 0, ${top}, ${small ? 10 : 14}, ${small ? 30 : 56})`}},
        {selector: "node[centre = 1]", style: {"border-width": 3, "border-color": "#111",
          "font-weight": "bold", "z-index": 10}},
        {selector: "node.expanded", style: {"border-width": 2, "border-color": "#555", "border-style": "double"}},
        {selector: "edge", style: {width: 1.4, "line-color": "#b5bfc9", "target-arrow-color": "#b5bfc9",
          "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier",
          label: fewEdges && !small ? "data(label)" : "", "font-size": 8, color: "#555",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8}},
        {selector: "edge[origin = 'pack']", style: {"line-color": "#cbbfe0", "target-arrow-color": "#cbbfe0"}},
        {selector: "edge.hover, edge:selected", style: {label: "data(label)", "line-color": "#2f6db5", "target-arrow-color": "#2f6db5", width: 3, "z-index": 20}},
        {selector: "edge[negated = 1]", style: {"line-style": "dashed", "line-color": "#c66"}},
      ],
      layout: CR.networkLayout(graph.nodes.length, small),
    });
    cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
    cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
    cy.on("mouseover", "node", (ev) => ev.target.connectedEdges().addClass("hover"));
    cy.on("mouseout", "node", (ev) => ev.target.connectedEdges().removeClass("hover"));
    if (opts.onNode) cy.on("tap", "node", (ev) => opts.onNode(ev.target, cy));
    else cy.on("tap", "node", (ev) => { const url = ev.target.data("url"); if (url) window.location.href = url; });
    if (opts.onEdge) cy.on("tap", "edge", (ev) => opts.onEdge(ev.target, cy));
    container.dataset.nodes = String(graph.nodes.length);
    container.dataset.edges = String(graph.edges.length);
    return cy;
  };

  CR.networkLayout = function (n, small) {
    return {name: "cose", animate: false, padding: small ? 10 : 30, randomize: false,
            nodeRepulsion: () => (small ? 6000 : 12000), idealEdgeLength: () => (small ? 40 : 70),
            nodeOverlap: 12, numIter: n > 150 ? 600 : 1000};
  };

  /* GraphML of what a cytoscape graph shows (Gephi and networkx read it) */
  CR.graphml = function (cy) {
    const esc = (v) => CR.escape(v === undefined || v === null ? "" : String(v));
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="name" for="node" attr.name="name" attr.type="string"/>',
      '<key id="type" for="node" attr.name="type" attr.type="string"/>',
      '<key id="degree" for="node" attr.name="degree" attr.type="int"/>',
      '<key id="centrality" for="node" attr.name="centrality" attr.type="double"/>',
      '<key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>',
      '<key id="negated" for="edge" attr.name="negated" attr.type="boolean"/>',
      '<key id="origin" for="edge" attr.name="origin" attr.type="string"/>',
      '<key id="sources" for="edge" attr.name="sources" attr.type="int"/>',
      '<key id="fact" for="edge" attr.name="fact" attr.type="string"/>',
      '<graph id="crossroads" edgedefault="directed">'];
    cy.nodes().forEach((n) => {
      const d = n.data();
      lines.push(`<node id="${esc(d.id)}"><data key="name">${esc(d.label)}</data><data key="type">${esc(d.type)}</data>` +
                 `<data key="degree">${Number(d.degree) || 0}</data><data key="centrality">${Number(d.centrality) || 0}</data></node>`);
    });
    cy.edges().forEach((e) => {
      const d = e.data();
      lines.push(`<edge id="${esc(d.id)}" source="${esc(d.source)}" target="${esc(d.target)}">` +
                 `<data key="predicate">${esc(d.predicate)}</data><data key="negated">${d.negated ? "true" : "false"}</data>` +
                 `<data key="origin">${esc(d.origin)}</data><data key="sources">${Number(d.sources) || 0}</data>` +
                 `<data key="fact">${esc(d.fact)}</data></edge>`);
    });
    lines.push("</graph>", "</graphml>");
    return lines.join("\n");
  };

  CR.timeline = function (container, items, opts) {
    const data = [];
    items.forEach((it, i) => {
      const start = CR.isoDate(it.date);
      if (!start) return;
      /* content as an element built with textContent; the tooltip escaped by hand */
      let text = it.label || it.type || "";
      const cut = opts && opts.short ? (opts.short === true ? 38 : opts.short) : 0;
      if (cut && text.length > cut) text = text.slice(0, cut - 2) + "…";
      const band = it.origin === "pack" ? "pack" : "reported";
      const row = {id: it.id || i, content: CR.el("span", {}, text), start,
                   title: CR.escape((it.evidence && it.evidence[0] && it.evidence[0].text) || it.label || ""),
                   className: "tl-" + (it.kind || "event") + " tl-" + band, group: band};
      if (it.end && it.end > it.date) { row.end = CR.isoDate(it.end); row.type = "range"; }
      else row.type = "point";
      data.push(row);
    });
    const dataset = new vis.DataSet(data);
    const {short, ...rest} = opts || {};
    /* pad the window so labels of the last items are not cut off at the right edge */
    const times = data.map((r) => (r.end || r.start).getTime()).concat(data.map((r) => r.start.getTime()));
    const lo = Math.min(...times), hi = Math.max(...times);
    const span = Math.max(hi - lo, 365 * 864e5);
    const options = Object.assign({
      zoomable: true, stack: true, maxHeight: 420, xss: {disabled: false},
      tooltip: {followMouse: true}, orientation: {axis: "top", item: "top"}, verticalScroll: true,
    }, rest);
    const bands = new Set(data.map((r) => r.group));
    let tl;
    if (bands.size > 1) {  /* the pack's dates in their own band, below the reporting */
      const groups = new vis.DataSet([
        {id: "reported", content: "Reporting", order: 1},
        {id: "pack", content: "Knowledge pack", order: 2, className: "tl-band-pack"}]);
      tl = new vis.Timeline(container, dataset, groups, Object.assign({groupOrder: "order"}, options));
    } else {
      data.forEach((r) => delete r.group);
      tl = new vis.Timeline(container, new vis.DataSet(data), options);
    }
    tl.on("select", (props) => {
      const it = items.find((x) => String(x.id) === String(props.items[0]));
      /* a reported item opens its sentence in the reader; a pack item stays here (its
         citation is in the list below, its outside link only opened on request) */
      const ev = it && it.evidence && it.evidence.find((e) => e.kind === "text" && e.url);
      if (ev) window.location.href = ev.url;
      else if (it) {
        const row = document.getElementById("tl-" + it.id);
        if (row) { row.scrollIntoView({block: "center"}); row.classList.add("active"); }
      }
    });
    tl.setWindow(new Date(lo - span * 0.05), new Date(hi + span * 0.6), {animation: false});
    container.dataset.items = String(data.length);
    container.dataset.bands = String(bands.size);
    return tl;
  };
})(window.CR);
