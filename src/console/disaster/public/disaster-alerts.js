// Urgent alerts: refreshes the list every 15 seconds, so an alert raised from the field appears without reloading.
(function () {
  var table = document.getElementById('alerts');
  if (!table) return;
  var body = document.getElementById('alerts-rows');
  var live = document.getElementById('alerts-live');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var url = table.getAttribute('data-rows');
  function cell(text) { var td = document.createElement('td'); td.textContent = text; return td; }
  function state(r) {
    var td = document.createElement('td');
    if (r.open) { var b = document.createElement('strong'); b.className = 'badge badge-danger'; b.textContent = '未確認'; td.appendChild(b); }
    else td.textContent = '確認済み(' + r.acknowledged + ')';
    if (r.drill) { var d = document.createElement('span'); d.className = 'badge'; d.textContent = '訓練'; td.appendChild(document.createTextNode(' ')); td.appendChild(d); }
    return td;
  }
  function need(r) {
    var td = document.createElement('td');
    if (!r.needHref) { td.textContent = r.needReference; return td; }
    var a = document.createElement('a'); a.href = r.needHref; a.textContent = r.needReference; td.appendChild(a); return td;
  }
  function ack(r) {
    var td = document.createElement('td');
    if (!r.open) return td;
    var form = document.createElement('form');
    form.method = 'post';
    form.action = '/console/disaster/alerts/' + encodeURIComponent(r.id) + '/ack';
    var i = document.createElement('input'); i.type = 'hidden'; i.name = '_csrf'; i.value = csrf; form.appendChild(i);
    var b = document.createElement('button'); b.type = 'submit'; b.className = 'button'; b.textContent = '確認しました'; form.appendChild(b);
    td.appendChild(form);
    return td;
  }
  function render(data) {
    if (body.contains(document.activeElement)) return; // do not pull a focused button away; the next poll redraws
    body.textContent = '';
    data.rows.forEach(function (r) {
      var tr = document.createElement('tr');
      if (r.open) tr.className = 'row-danger';
      tr.appendChild(state(r));
      [r.raisedAt, r.team].forEach(function (v) { tr.appendChild(cell(v)); });
      tr.appendChild(need(r));
      [r.address, r.leader, r.leaderPhone, r.member].forEach(function (v) { tr.appendChild(cell(v)); });
      tr.appendChild(ack(r));
      body.appendChild(tr);
    });
    if (!data.rows.length) { var tr = document.createElement('tr'); var td = cell('緊急アラートはまだありません。'); td.colSpan = 9; tr.appendChild(td); body.appendChild(tr); }
    if (live) live.textContent = data.open ? '確認していない緊急アラートが ' + data.open + ' 件あります。' : '確認していない緊急アラートはありません。';
  }
  window.disasterLive(url, 15000, render);
})();
