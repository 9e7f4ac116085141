// Inbox: refreshes the rows every 30 seconds so new threads appear without reloading.
(function () {
  var table = document.getElementById('inbox');
  if (!table) return;
  var body = document.getElementById('inbox-rows');
  var view = table.getAttribute('data-view');
  var page = table.getAttribute('data-page'); // the closed view is paged: refresh the page shown
  function cell(value) { var td = document.createElement('td'); td.textContent = value; return td; }
  var last = null;
  var live = document.getElementById('inbox-live');
  function render(rows) {
    var json = JSON.stringify(rows);
    if (json === last) return;
    var before = last === null ? null : JSON.parse(last).length;
    last = json;
    if (before === null) return; // first poll: the server-rendered rows are current
    var focused = document.activeElement && body.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    body.textContent = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      if (r.urgent) tr.className = 'urgent';
      var first = document.createElement('td');
      var a = document.createElement('a');
      a.href = r.href;
      a.textContent = r.reference !== '—' ? r.reference : '会話を開く';
      first.appendChild(a);
      tr.appendChild(first);
      var state = document.createElement('td');
      if (r.urgent) { var b = document.createElement('strong'); b.className = 'badge badge-danger'; b.textContent = '緊急'; state.appendChild(b); state.appendChild(document.createTextNode(' ')); }
      state.appendChild(document.createTextNode(r.owner + (r.alerts > 0 ? ' 未確認の警告 ' + r.alerts : '')));
      if (r.safetyReplyUnconfirmed) { var m = document.createElement('span'); m.className = 'badge badge-warning'; m.textContent = '安全のための返信: 未確認'; state.appendChild(document.createTextNode(' ')); state.appendChild(m); }
      tr.appendChild(state);
      [r.waited, r.reference, r.category, r.team, r.assignee, r.since].forEach(function (v) { tr.appendChild(cell(v)); });
      body.appendChild(tr);
    });
    var empty = document.getElementById('inbox-empty');
    if (empty) empty.hidden = rows.length > 0;
    if (focused) { var again = body.querySelector('a[href="' + focused + '"]'); if (again) again.focus(); }
    if (live) live.textContent = '一覧を更新しました(' + rows.length + '件' + (rows.length > before ? '、新しい会話 ' + (rows.length - before) + '件' : '') + ')。';
  }
  function poll() {
    fetch('/console/inbox/rows?view=' + encodeURIComponent(view) + (page ? '&page=' + encodeURIComponent(page) : ''), { headers: { accept: 'application/json', 'x-console-poll': '1' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) render(data.rows); })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 30000);
})();
