// Inbox: refreshes the rows every 30 seconds so new threads appear without reloading.
(function () {
  var table = document.getElementById('inbox');
  if (!table) return;
  var body = document.getElementById('inbox-rows');
  var view = table.getAttribute('data-view');
  function cell(value) { var td = document.createElement('td'); td.textContent = value; return td; }
  function render(rows) {
    body.textContent = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      if (r.urgent) tr.className = 'urgent';
      var first = document.createElement('td');
      var a = document.createElement('a');
      a.href = r.href;
      a.textContent = (r.urgent ? '緊急 ' : '') + r.owner;
      first.appendChild(a);
      if (r.alerts > 0) first.appendChild(document.createTextNode(' 未確認の警告 ' + r.alerts));
      tr.appendChild(first);
      [r.waited, r.reference, r.category, r.team, r.assignee, r.since].forEach(function (v) { tr.appendChild(cell(v)); });
      body.appendChild(tr);
    });
    var empty = document.getElementById('inbox-empty');
    if (empty) empty.hidden = rows.length > 0;
  }
  setInterval(function () {
    fetch('/console/inbox/rows?view=' + encodeURIComponent(view), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) render(data.rows); })
      .catch(function () {});
  }, 30000);
})();
