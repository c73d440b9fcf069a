/* graph.js — the interactive view: the network (Cytoscape.js), a panel with
 * the facts and evidence of the clicked node, and a timeline of meetings.
 * The data block is written by nieuwsgraaf (src/export/write-html.c). */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('ng-data').textContent);
  var doc = data.graph;
  var details = data.details;
  var colours = data.colours;
  var titles = data.titles;
  var status = { Held: 'gehouden', Planned: 'gepland', Cancelled: 'afgelast', Failed: 'mislukt' };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  /* legend */
  var legend = document.getElementById('ng-legend');
  Object.keys(colours).forEach(function (kind) {
    var li = el('li', { style: '--c:' + colours[kind] }, titles[kind]);
    legend.appendChild(li);
  });

  var style = [
    { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 9, 'text-wrap': 'wrap', 'text-max-width': 110,
        'text-valign': 'bottom', 'text-margin-y': 3, 'color': '#222',
        'width': 18, 'height': 18, 'border-width': 1, 'border-color': '#fff' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1f3b57' } },
    { selector: 'node.meeting', style: { 'shape': 'round-rectangle', 'width': 14, 'height': 14, 'font-size': 7 } },
    { selector: 'node.place', style: { 'shape': 'round-triangle' } },
    { selector: 'node.sanction', style: { 'shape': 'octagon' } },
    { selector: 'node.organisation', style: { 'shape': 'round-diamond' } },
    { selector: 'edge', style: {
        'width': 1.2, 'line-color': '#bbb', 'curve-style': 'bezier',
        'target-arrow-shape': doc.data.directed ? 'triangle' : 'none', 'target-arrow-color': '#bbb',
        'arrow-scale': 0.7 } },
    { selector: 'edge.sanction-action', style: { 'line-style': 'dashed', 'line-color': '#b07aa1',
        'target-arrow-color': '#b07aa1', 'label': 'data(label)', 'font-size': 7, 'color': '#806' } }
  ];
  Object.keys(colours).forEach(function (kind) {
    style.push({ selector: 'node.' + kind, style: { 'background-color': colours[kind] } });
  });

  var cy = cytoscape({
    container: document.getElementById('ng-network'),
    elements: doc.elements,
    style: style,
    wheelSensitivity: 0.3,
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000,
              idealEdgeLength: 70, padding: 20 }
  });

  /* the facts panel */
  var panel = document.getElementById('ng-details');
  function show(node) {
    var d = details[node.id()] || {};
    panel.textContent = '';
    panel.appendChild(el('h2', {}, node.data('label')));
    panel.appendChild(el('p', { 'class': 'hint' }, titles[node.data('kind')] || node.data('kind')));
    var dl = el('dl');
    function fact(k, v) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return;
      dl.appendChild(el('dt', {}, k));
      dl.appendChild(el('dd', {}, Array.isArray(v) ? v.join(', ') : String(v)));
    }
    fact('datum', d.date);
    fact('plaats', d.place);
    fact('status', status[d.status] || d.status);
    fact('deelnemers', d.attendees);
    fact('doelwit', d.target);
    fact('opgelegd door', d.imposer);
    fact('acties', d.actions);
    fact('ook genoemd', d.alternateNames);
    fact('Wikidata', d.wikidata);
    fact('vermeldingen', d.mentions);
    fact('ontmoetingen', d.meetings);
    fact('IRI', d.iri);
    panel.appendChild(dl);
    if (d.evidence && d.evidence.length) {
      panel.appendChild(el('h3', {}, 'Bewijs'));
      d.evidence.forEach(function (ev) {
        var q = el('blockquote', {}, ev.text);
        var src = el('span', { 'class': 'src' });
        var a = el('a', ev.file ? { href: 'file://' + encodeURI(ev.file) } : {}, ev.title || ev.file || ev.article);
        src.appendChild(document.createTextNode('— '));
        src.appendChild(a);
        q.appendChild(src);
        panel.appendChild(q);
      });
    }
    if (d.articles && d.articles.length) {
      panel.appendChild(el('h3', {}, 'Artikelen'));
      var ul = el('ul');
      d.articles.forEach(function (ar) {
        var li = el('li');
        li.appendChild(el('a', ar.file ? { href: 'file://' + encodeURI(ar.file) } : {}, ar.title || ar.file || ar.iri));
        if (ar.date) li.appendChild(document.createTextNode(' (' + ar.date + ')'));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    document.querySelectorAll('#ng-timeline-track .ev').forEach(function (e) {
      e.classList.toggle('sel', e.getAttribute('data-id') === node.id());
    });
  }
  cy.on('tap', 'node', function (ev) { show(ev.target); });

  /* the timeline: dated meetings on a linear axis */
  var track = document.getElementById('ng-timeline-track');
  var dated = cy.nodes('.meeting').filter(function (n) { return (n.data('spells') || []).length; });
  function ms(s) { return Date.parse(s + 'T00:00:00Z'); }
  if (dated.length) {
    var t0 = Infinity, t1 = -Infinity;
    dated.forEach(function (n) {
      var s = n.data('spells')[0];
      t0 = Math.min(t0, ms(s[0])); t1 = Math.max(t1, ms(s[1]));
    });
    if (t1 <= t0) { t0 -= 864e5 * 180; t1 += 864e5 * 180; }
    var span = t1 - t0;
    track.appendChild(el('div', { 'class': 'axis' }));
    var y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
    for (var y = y0; y <= y1 + 1; y++) {
      var t = Date.UTC(y, 0, 1);
      if (t < t0 || t > t1) continue;
      var tick = el('div', { 'class': 'tick' }, String(y));
      tick.style.left = (100 * (t - t0) / span) + '%';
      track.appendChild(tick);
    }
    var lanes = [];
    dated.sort(function (a, b) { return ms(a.data('spells')[0][0]) - ms(b.data('spells')[0][0]); })
      .forEach(function (n) {
        var s = n.data('spells')[0];
        var x = 100 * ((ms(s[0]) + ms(s[1])) / 2 - t0) / span;
        /* stack meetings that would overlap, above the axis */
        var lane = 0;
        while (lanes[lane] !== undefined && x - lanes[lane] < 1.5) lane++;
        lanes[lane] = x;
        var dot = el('div', { 'class': 'ev ' + String(n.data('status') || '').toLowerCase(),
                              'data-id': n.id(), title: n.data('label') });
        dot.style.left = x + '%';
        dot.style.top = (2.75 - lane * 0.95) + 'em';
        dot.addEventListener('click', function () {
          cy.elements().unselect();
          n.select();
          cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
          show(n);
        });
        track.appendChild(dot);
      });
  } else {
    track.appendChild(el('p', { 'class': 'hint' }, 'Geen gedateerde ontmoetingen.'));
  }

  function ready() {
    var count = document.getElementById('ng-count');
    count.textContent = cy.nodes().length + ' knopen · ' + cy.edges().length + ' verbindingen · '
      + cy.nodes('.meeting').length + ' ontmoetingen';
    count.setAttribute('data-nodes', String(cy.nodes().length));
    count.setAttribute('data-edges', String(cy.edges().length));
    if (!window.ngErrors.length) document.body.setAttribute('data-status', 'ready');
  }
  cy.ready(ready);

  /* #node=ID opens the page with that node selected (links, screenshots) */
  var m = /^#node=(.+)$/.exec(window.location.hash);
  if (m) {
    var pick = cy.getElementById(decodeURIComponent(m[1]));
    if (pick.nonempty()) { pick.select(); show(pick); }
  }
})();
