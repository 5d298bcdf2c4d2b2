/* kgraph network page. Every text from the data goes into the DOM with textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var colours = {};
  data.classes.forEach(function (c) { colours[c.name] = c.colour; });
  var byId = {};
  var edgeById = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function nodeLines(n) {
    var lines = [["kg-tip-type", n.type], ["kg-tip-label", n.label], ["kg-tip-iri", n.iri]];
    if (n.wd) { lines.push(["kg-tip-wd", "Wikidata: " + n.wd]); }
    (n.attrs || []).forEach(function (a) { lines.push(["kg-tip-attr", a[0] + ": " + a[1]]); });
    (n.quotes || []).forEach(function (q) { lines.push(["kg-tip-quote", "\u201c" + q + "\u201d"]); });
    return lines;
  }

  function edgeLines(e) {
    var lines = [["kg-tip-type", "Relation"], ["kg-tip-label", e.label],
                 ["kg-tip-ends", byId[e.from].label + " \u2192 " + byId[e.to].label]];
    (e.quotes || []).forEach(function (q) { lines.push(["kg-tip-quote", "\u201c" + q + "\u201d"]); });
    return lines;
  }

  function tip(lines) {
    var box = el("div", "kg-tip");
    lines.forEach(function (l) { box.appendChild(el("div", l[0], l[1])); });
    return box;
  }

  var large = !data.physics;
  var communityColours = {};
  (data.communities || []).forEach(function (c) { communityColours[c.id] = c.colour; });
  var smallCommunities = (data.communities || []).filter(function (c) { return c.id === -1; });
  var colourBy = "class";
  function fill(n) {
    if (colourBy === "community") {
      var c = communityColours[n.community];
      if (c === undefined) { c = smallCommunities.length ? smallCommunities[0].colour : "#cfcfcf"; }
      return c;
    }
    return colours[n.cls] || "#dddddd";
  }
  function shortLabel(n) {
    return n.label.length > 40 ? n.label.slice(0, 39) + "\u2026" : n.label;
  }

  // Nodes held back in a big graph (collapsed) and who their neighbours are.
  var collapsed = {};
  var neighbours = {};
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    neighbours[n.id] = [];
    if (n.collapsed) { collapsed[n.id] = true; }
  });
  data.edges.forEach(function (e) {
    if (e.from === e.to) { return; }
    neighbours[e.from].push(e.to);
    neighbours[e.to].push(e.from);
  });
  function hiddenNeighbours(id) {
    var seen = {};
    return neighbours[id].filter(function (m) {
      if (!collapsed[m] || seen[m]) { return false; }
      seen[m] = true;
      return true;
    });
  }

  function nodeItem(n) {
    var more = collapsed[n.id] ? [] : hiddenNeighbours(n.id);
    var item = {
      id: n.id, label: shortLabel(n), cls: n.cls, size: n.size, shape: "dot",
      title: tip(nodeLines(n)),
      color: { background: fill(n), border: "#444444" },
      borderWidth: 1, shapeProperties: { borderDashes: false }
    };
    if (more.length) {  // a click reveals these: say how many, and dash the border
      item.label += " (+" + more.length + ")";
      item.borderWidth = 2;
      item.shapeProperties = { borderDashes: [4, 3] };
    }
    if (n.focus) {  // the centre of an ego network
      item.borderWidth = 5;
      item.color.border = "#000000";
      item.font = { size: 18, bold: true };
      item.label = "\u2605 " + item.label;
    }
    return item;
  }
  var nodeItems = data.nodes.map(function (n) {
    var item = nodeItem(n);
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  });
  var edgeItems = data.edges.map(function (e, i) {
    var item = { id: i, from: e.from, to: e.to, label: e.label, title: tip(edgeLines(e)) };
    if (e.lane) {  // parallel edges on curves of their own, alternately on either side
      item.smooth = { enabled: true, type: e.lane % 2 ? "curvedCW" : "curvedCCW",
                      roundness: 0.2 * Math.ceil(e.lane / 2) };
    }
    edgeById[i] = e;
    return item;
  });

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var hidden = {};
  var nodeView = new vis.DataView(nodes, { filter: function (n) {
    return !hidden[n.cls] && !collapsed[n.id];
  } });

  var options = {
    autoResize: true,
    nodes: { font: { size: 14 }, borderWidth: 1 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { size: 10, align: "middle", color: "#333333", background: "rgba(255,255,255,0.9)",
              strokeWidth: 0 },
      color: { color: "#9a9a9a", highlight: "#333333" },
      smooth: large ? false : { type: "dynamic" }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: large ? false : {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 150, updateInterval: 25, fit: true }
    }
  };

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edges }, options);
  window.kgraph = { network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                    data: data, ready: false, hidden: hidden, collapsed: collapsed,
                    overview: [] };

  var counts = document.getElementById("kg-counts");
  var totalCounts = counts.textContent;
  function showCounts() {
    if (!data.capped) { return; }
    var shown = data.nodes.filter(function (n) { return !collapsed[n.id]; }).length;
    counts.textContent = totalCounts + " (" + shown + " shown; click a node with a dashed "
      + "border to reveal its neighbours)";
  }
  showCounts();

  // Reveal the collapsed neighbours of a node (and the node itself, found by search).
  function expand(id) {
    var more = hiddenNeighbours(id);
    var touched = {};
    touched[id] = true;
    if (collapsed[id]) { delete collapsed[id]; }
    more.forEach(function (m) {
      delete collapsed[m];
      touched[m] = true;
      neighbours[m].forEach(function (k) { touched[k] = true; });
    });
    neighbours[id].forEach(function (k) { touched[k] = true; });
    nodes.update(Object.keys(touched).map(function (k) { return nodeItem(byId[k]); }));
    nodeView.refresh();
    showCounts();
    return more.length;
  }
  window.kgraph.expand = expand;

  // The labels of the best-connected nodes stay readable when the whole graph is in view
  // (vis-network drops labels smaller than a few pixels).
  var overviewFont = 13;
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    var drawn = [];
    if (scale * 14 < 6) {
      var size = overviewFont / scale;
      ctx.save();
      ctx.font = "600 " + size + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = "#111111";
      data.nodes.forEach(function (n) {
        if (!(n.rank || n.focus) || collapsed[n.id] || hidden[n.cls]) { return; }
        var p = network.getPositions([n.id])[n.id];
        if (!p) { return; }
        var text = shortLabel(n);
        var y = p.y + n.size + 2 / scale;
        ctx.strokeText(text, p.x, y);
        ctx.fillText(text, p.x, y);
        drawn.push(n.label);
      });
      ctx.restore();
    }
    window.kgraph.overview = drawn;
  });

  function ready() {
    if (window.kgraph.ready) { return; }
    window.kgraph.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (!data.nodes.length) {
    ready();  // nothing to draw or to stabilise
  } else if (large) {
    network.once("afterDrawing", ready);
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      network.once("afterDrawing", ready);
      network.redraw();
    });
  }

  // Legend doubling as the class filter.
  var legend = document.getElementById("kg-legend");
  data.classes.forEach(function (c) {
    var row = el("label", "kg-class");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.name;
    box.setAttribute("data-class", c.name);
    box.addEventListener("change", function () {
      if (box.checked) { delete hidden[c.name]; } else { hidden[c.name] = true; }
      nodeView.refresh();
    });
    var swatch = el("span", "kg-swatch");
    swatch.style.backgroundColor = c.colour;
    row.appendChild(box);
    row.appendChild(swatch);
    row.appendChild(el("span", "kg-class-name", c.name + " (" + c.count + ")"));
    legend.appendChild(row);
  });

  // Details of the clicked node or edge.
  var info = document.getElementById("kg-info");
  function show(lines, node) {
    while (info.firstChild) { info.removeChild(info.firstChild); }
    info.appendChild(tip(lines));
    if (node && node.href) {
      var a = el("a", "kg-entity-link", "Open the entity page");
      a.href = node.href;
      a.target = "_top";  // out of the frame of an entity page
      a.rel = "noopener noreferrer";
      info.appendChild(a);
    }
  }
  network.on("doubleClick", function (params) {
    var n = params.nodes.length ? byId[params.nodes[0]] : null;
    if (n && n.href) { window.top.location.href = n.href; }
  });
  network.on("click", function (params) {
    if (params.nodes.length) {
      expand(params.nodes[0]);
      show(nodeLines(byId[params.nodes[0]]), byId[params.nodes[0]]);
    } else if (params.edges.length) {
      show(edgeLines(edgeById[params.edges[0]]));
    }
  });

  // Colour by class or by community; the community legend shows in community mode.
  var communityLegend = document.getElementById("kg-communities");
  (data.communities || []).forEach(function (c) {
    var row = el("div", "kg-community");
    row.setAttribute("data-community", String(c.id));
    var swatch = el("span", "kg-swatch");
    swatch.style.backgroundColor = c.colour;
    row.appendChild(swatch);
    row.appendChild(el("span", "kg-community-name", c.name + " (" + c.count + ")"));
    communityLegend.appendChild(row);
  });
  function recolour(mode) {
    colourBy = mode;
    communityLegend.hidden = mode !== "community";
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: { background: fill(n), border: n.focus ? "#000000" : "#444444" } };
    }));
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[name='kg-colour']"), function (r) {
    r.addEventListener("change", function () { if (r.checked) { recolour(r.value); } });
  });
  if (!(data.communities || []).length) {
    document.getElementById("kg-colour-community").disabled = true;
  }
  window.kgraph.recolour = recolour;

  // Search by label.
  var list = document.getElementById("kg-labels");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (seen[n.label]) { return; }
    seen[n.label] = true;
    var opt = el("option");
    opt.value = n.label;
    list.appendChild(opt);
  });
  var status = document.getElementById("kg-search-status");
  var prevMatch = document.getElementById("kg-search-prev");
  var nextMatch = document.getElementById("kg-search-next");
  var matches = [];
  var current = 0;
  function reveal() {
    var pick = matches[current];
    if (collapsed[pick.id]) { expand(pick.id); }
    status.textContent = matches.length === 1 ? "1 match" : (current + 1) + " of " + matches.length + " matches";
    prevMatch.disabled = nextMatch.disabled = matches.length < 2;
    network.selectNodes([pick.id]);
    network.focus(pick.id, { scale: 1.2, animation: false });
    show(nodeLines(pick), pick);
  }
  function search(text) {
    var q = text.trim().toLowerCase();
    matches = [];
    prevMatch.disabled = nextMatch.disabled = true;
    if (!q) { status.textContent = ""; return; }
    var found = data.nodes.filter(function (n) {
      return !hidden[n.cls] && n.label.toLowerCase().indexOf(q) !== -1;
    });
    if (!found.length) { status.textContent = "no match"; return; }
    // an exact match first, then the others in label order
    found.sort(function (a, b) {
      var ea = a.label.toLowerCase() === q ? 0 : 1, eb = b.label.toLowerCase() === q ? 0 : 1;
      return ea - eb || a.label.localeCompare(b.label);
    });
    matches = found;
    current = 0;
    reveal();
  }
  prevMatch.addEventListener("click", function () {
    if (matches.length) { current = (current + matches.length - 1) % matches.length; reveal(); }
  });
  nextMatch.addEventListener("click", function () {
    if (matches.length) { current = (current + 1) % matches.length; reveal(); }
  });
  var input = document.getElementById("kg-search");
  input.addEventListener("change", function () { search(input.value); });
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(input.value); } });
})();
