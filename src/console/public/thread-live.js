// Conversation page: new messages and delivery states appear without reloading; canned replies fill the box.
(function () {
  var list = document.getElementById('history');
  if (!list) return;
  var after = list.getAttribute('data-after');
  var id = list.getAttribute('data-thread');
  var seen = {};
  // Messages can share a timestamp, so the server sends everything from `after` on and ids already shown are skipped.
  Array.prototype.forEach.call(list.querySelectorAll('li[data-id]'), function (li) { seen[li.getAttribute('data-id')] = true; });
  function text(tag, cls, value) { var el = document.createElement(tag); if (cls) el.className = cls; el.textContent = value; return el; }
  function add(e) {
    if (seen[e.id]) return;
    seen[e.id] = true;
    var li = document.createElement('li');
    li.className = 'msg msg-' + e.from;
    li.setAttribute('data-id', e.id);
    var meta = text('p', 'msg-meta', e.who + ' ' + e.at + (e.delivery ? ' ' + e.delivery : ''));
    li.appendChild(meta);
    li.appendChild(text('p', 'msg-text', e.text));
    list.appendChild(li);
  }
  function poll() {
    fetch('/console/threads/' + encodeURIComponent(id) + '/updates?after=' + encodeURIComponent(after), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        data.entries.forEach(function (e) { add(e); after = e.atIso; });
      })
      .catch(function () {});
  }
  setInterval(poll, 5000);
  Array.prototype.forEach.call(document.querySelectorAll('.canned-use'), function (b) {
    b.addEventListener('click', function () { var box = document.getElementById('reply-text'); box.value = b.getAttribute('data-text'); box.focus(); });
  });
})();
