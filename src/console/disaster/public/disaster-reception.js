// Reception: refreshes the counts and the lists every 10 seconds, so arrivals checked in through LINE appear live.
(function () {
  var table = document.getElementById('reception');
  if (!table) return;
  var body = document.getElementById('reception-expected');
  var walkIns = document.getElementById('reception-walkins');
  var live = document.getElementById('reception-live');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var url = table.getAttribute('data-rows');
  var checkIn = table.getAttribute('data-check-in');
  function cell(text) { var td = document.createElement('td'); td.textContent = text; return td; }
  function flags(list) {
    var td = document.createElement('td');
    list.forEach(function (f) { var b = document.createElement('strong'); b.className = 'badge badge-danger'; b.textContent = f; td.appendChild(b); td.appendChild(document.createTextNode(' ')); });
    return td;
  }
  function button(r) {
    var td = document.createElement('td');
    if (!r.canCheckIn) return td;
    var form = document.createElement('form');
    form.method = 'post';
    form.action = checkIn;
    [['_csrf', csrf], ['applicationId', r.id]].forEach(function (pair) { var i = document.createElement('input'); i.type = 'hidden'; i.name = pair[0]; i.value = pair[1]; form.appendChild(i); });
    var b = document.createElement('button');
    b.type = 'submit';
    b.className = 'button button-secondary';
    b.textContent = '受付する';
    b.setAttribute('aria-label', r.name + 'さんを受付する');
    form.appendChild(b);
    td.appendChild(form);
    return td;
  }
  function render(data) {
    Object.keys(data.counts).forEach(function (k) { var el = document.querySelector('[data-count="' + k + '"]'); if (el) el.textContent = data.counts[k]; });
    if (body.contains(document.activeElement)) return; // do not pull a focused button away; the next poll redraws
    body.textContent = '';
    data.expected.forEach(function (r) {
      var tr = document.createElement('tr');
      [r.name, r.kind, r.status].forEach(function (v) { tr.appendChild(cell(v)); });
      tr.appendChild(flags(r.flags));
      tr.appendChild(cell(r.arrived ? r.arrived + '(' + r.by + ')' : '未到着'));
      tr.appendChild(button(r));
      body.appendChild(tr);
    });
    walkIns.textContent = '';
    data.walkIns.forEach(function (r) { var li = document.createElement('li'); li.textContent = r.name + '(' + r.kind + ')' + (r.arrived ? ' ' + r.arrived : '') + (r.flags.length ? ' ' + r.flags.join(' ') : ''); walkIns.appendChild(li); });
    if (live) live.textContent = '到着 ' + data.counts.arrived + '件、未到着 ' + data.counts.missing + '件に更新しました。';
  }
  window.disasterLive(url, 10000, render);
})();
