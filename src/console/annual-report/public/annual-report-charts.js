/*
 * Draws the annual report's charts with chart.js (served from the console's assets) from the tables beside them:
 * each canvas names its table (data-table), and the table's shown cells are the numbers — a "<5" cell is left out
 * of the chart (a gap), never drawn as its real value. The total row is not drawn.
 */
(function () {
  'use strict';
  if (typeof window.Chart !== 'function') return;
  var COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  function number(text) {
    var t = text.replace(/[,\s]/g, '');
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
  }
  document.querySelectorAll('canvas[data-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute('data-table'));
    if (!table) return;
    var columns = Array.prototype.slice.call(table.querySelectorAll('thead th')).slice(1).map(function (th) { return th.textContent.trim(); });
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr:not(.total)'));
    var labels = rows.map(function (tr) { return tr.querySelector('th').textContent.trim(); });
    var stacked = canvas.getAttribute('data-stacked') === 'true';
    var datasets = columns.map(function (label, i) {
      var colour = COLOURS[i % COLOURS.length];
      return {
        label: label,
        data: rows.map(function (tr) { var td = tr.querySelectorAll('td')[i]; return td ? number(td.textContent) : null; }),
        backgroundColor: colour,
        borderColor: colour,
      };
    });
    new window.Chart(canvas, {
      type: canvas.getAttribute('data-type') || 'bar',
      data: { labels: labels, datasets: datasets },
      options: { animation: false, responsive: true, scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } } },
    });
  });
})();
