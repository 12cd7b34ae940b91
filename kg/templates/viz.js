(function () {
  "use strict";
  // Every report string reaches the page as JSON data and is shown with
  // textContent; the only innerHTML is GOVKG.tips, built and escaped in Python.
  var data = window.GOVKG;
  var t0 = performance.now();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = { drawnMs: null, highlighted: null, hiddenClasses: {} };
  window.govkg = { network: network, nodes: nodes, edges: edges, state: state, select: select, reset: reset };

  network.once("afterDrawing", function () {
    state.drawnMs = performance.now() - t0;
    document.body.setAttribute("data-drawn", "1");
  });

  // ---- tooltips
  var tip = document.getElementById("tip");
  function place(pointer) {
    var x = pointer.DOM.x + 14, y = pointer.DOM.y + 14;
    var w = container.clientWidth, h = container.clientHeight;
    tip.hidden = false;
    if (x + tip.offsetWidth > w) { x = Math.max(0, pointer.DOM.x - tip.offsetWidth - 14); }
    if (y + tip.offsetHeight > h) { y = Math.max(0, pointer.DOM.y - tip.offsetHeight - 14); }
    tip.style.left = (x + container.offsetLeft) + "px";
    tip.style.top = (y + container.offsetTop) + "px";
  }
  network.on("hoverNode", function (p) {
    tip.innerHTML = data.tips[p.node] || "";
    place(p.pointer);
  });
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (!e) { return; }
    tip.textContent = "";
    var head = document.createElement("div");
    var rel = document.createElement("span");
    rel.className = "rel";
    rel.textContent = data.relations[e.r];
    var a = nodes.get(e.from), b = nodes.get(e.to);
    head.append(document.createTextNode(a.name + " "), rel, document.createTextNode(" " + b.name));
    tip.appendChild(head);
    if (e.s && e.s.length) {
      var ol = document.createElement("ol");
      e.s.forEach(function (i) {
        var li = document.createElement("li");
        li.textContent = data.sentences[i];
        ol.appendChild(li);
      });
      tip.appendChild(ol);
    }
    place(p.pointer);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  // ---- links between reports: all (checkbox) or those of the highlighted node
  var crossBox = document.getElementById("cross");
  function showCross(id) {
    if (crossBox === null) { return; }
    var all = crossBox.checked, own = {};
    if (id !== null) { network.getConnectedEdges(id).forEach(function (e) { own[e] = true; }); }
    var changes = [];
    data.edges.forEach(function (e) {
      if (e.x !== 1) { return; }
      var hidden = !(all || own[e.id]);
      if (!!edges.get(e.id).hidden !== hidden) { changes.push({ id: e.id, hidden: hidden }); }
    });
    edges.update(changes);
  }
  if (crossBox !== null) {
    crossBox.addEventListener("change", function () { showCross(state.highlighted); });
  }

  // ---- neighbourhood highlight
  var original = {};
  data.nodes.forEach(function (n) { original[n.id] = { color: n.color, label: n.label }; });
  function highlight(id) {
    var near = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { near[m] = true; });
    var changes = [];
    data.nodes.forEach(function (n) {
      var o = original[n.id];
      if (near[n.id]) {
        changes.push({ id: n.id, color: o.color, label: n.name });
      } else {
        changes.push({ id: n.id, color: data.dim, label: o.label === undefined ? null : o.label });
      }
    });
    nodes.update(changes);
    state.highlighted = id;
    showCross(id);
  }
  function reset() {
    if (state.highlighted === null) { return; }
    nodes.update(data.nodes.map(function (n) {
      var o = original[n.id];
      return { id: n.id, color: o.color, label: o.label === undefined ? null : o.label };
    }));
    state.highlighted = null;
    showCross(null);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { highlight(p.nodes[0]); } else { reset(); }
  });

  // ---- search
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var index = data.nodes.map(function (n) {
    return { id: n.id, text: [n.name].concat(n.al || []).join("\n").toLowerCase() };
  });
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], part = [];
    index.forEach(function (e) {
      var n = nodes.get(e.id);
      if (n.hidden) { return; }
      if (n.name.toLowerCase() === q) { exact.push(e.id); }
      else if (e.text.indexOf(q) >= 0) { part.push(e.id); }
    });
    return exact.concat(part).slice(0, 20);
  }
  function select(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    highlight(id);
    results.hidden = true;
  }
  function show(list) {
    results.textContent = "";
    list.forEach(function (id, i) {
      var n = nodes.get(id);
      var li = document.createElement("li");
      li.textContent = n.name;
      var c = document.createElement("span");
      c.className = "cls";
      c.textContent = n.cls;
      li.appendChild(c);
      if (i === 0) { li.className = "active"; }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); select(id); });
      results.appendChild(li);
    });
    results.hidden = list.length === 0;
  }
  input.addEventListener("input", function () { show(matches(input.value)); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = matches(input.value);
      if (found.length) { select(found[0]); }
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  // ---- class filters and the unrelated-entities switch
  var isolatedBox = document.getElementById("isolated");
  function applyFilters() {
    var hideIsolated = isolatedBox !== null && !isolatedBox.checked;
    var changes = [];
    data.nodes.forEach(function (n) {
      var hidden = !!state.hiddenClasses[n.cls] || (hideIsolated && n.iso === 1);
      if (!!nodes.get(n.id).hidden !== hidden) { changes.push({ id: n.id, hidden: hidden }); }
    });
    nodes.update(changes);
  }
  document.querySelectorAll("#filters input[data-class]").forEach(function (box) {
    box.addEventListener("change", function () {
      state.hiddenClasses[box.getAttribute("data-class")] = !box.checked;
      applyFilters();
    });
  });
  if (isolatedBox !== null) { isolatedBox.addEventListener("change", applyFilters); }

  if (data.focus !== null) {
    network.selectNodes([data.focus]);
    highlight(data.focus);
  }
})();
