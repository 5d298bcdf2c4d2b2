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
  var nodeItems = data.nodes.map(function (n) {
    byId[n.id] = n;
    var item = {
      id: n.id, label: n.label.length > 40 ? n.label.slice(0, 39) + "\u2026" : n.label, cls: n.cls, size: n.size, shape: "dot",
      title: tip(nodeLines(n)),
      color: { background: colours[n.cls] || "#dddddd", border: "#444444" }
    };
    if (n.focus) {  // the centre of an ego network
      item.borderWidth = 5;
      item.color.border = "#000000";
      item.font = { size: 18, bold: true };
      item.label = "\u2605 " + item.label;
    }
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
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hidden[n.cls]; } });

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
                    data: data, ready: false, hidden: hidden };

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
      show(nodeLines(byId[params.nodes[0]]), byId[params.nodes[0]]);
    } else if (params.edges.length) {
      show(edgeLines(edgeById[params.edges[0]]));
    }
  });

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
