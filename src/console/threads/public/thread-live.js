// Conversation page: new messages and delivery states appear without reloading; canned replies fill the box;
// after an action the status message takes focus so screen readers announce it.
(function () {
  var done = document.getElementById('done');
  if (done) done.focus();
  var list = document.getElementById('history');
  if (!list) return;
  var after = list.getAttribute('data-after');
  var id = list.getAttribute('data-thread');
  var shown = {};
  // Messages can share a timestamp, so the server sends everything from `after` on and ids already shown are updated, not repeated.
  Array.prototype.forEach.call(list.querySelectorAll('li[data-id]'), function (li) { shown[li.getAttribute('data-id')] = li; });
  function el(tag, cls, value) { var e = document.createElement(tag); if (cls) e.className = cls; if (value) e.textContent = value; return e; }
  function link(href, label) { var p = el('p'); var a = el('a', null, label); a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer'; p.appendChild(a); return p; }
  function add(e) {
    var existing = shown[e.id];
    if (existing) {
      var d = existing.querySelector('.delivery');
      if (d && e.delivery) d.textContent = e.delivery;
      return;
    }
    var li = el('li', 'msg msg-' + e.from);
    li.setAttribute('data-id', e.id);
    var meta = el('p', 'msg-meta', e.who + ' ');
    var time = el('time', null, e.at);
    time.setAttribute('datetime', e.atIso);
    meta.appendChild(time);
    if (e.delivery) { meta.appendChild(document.createTextNode(' ')); meta.appendChild(el('span', 'delivery', e.delivery)); }
    li.appendChild(meta);
    li.appendChild(el('p', 'msg-text', e.text));
    if (e.attachmentHref) li.appendChild(link(e.attachmentHref, '写真を開く'));
    if (e.mapHref) li.appendChild(link(e.mapHref, '地図で見る'));
    list.appendChild(li);
    shown[e.id] = li;
  }
  var notice = document.getElementById('live-notice');
  function poll() {
    fetch('/console/threads/' + encodeURIComponent(id) + '/updates?after=' + encodeURIComponent(after), { headers: { accept: 'application/json', 'x-console-poll': '1' }, credentials: 'same-origin' })
      .then(function (r) {
        if (r.status === 401 && notice) notice.textContent = 'ログインの有効期限が切れました。画面を開き直して、もう一度ログインしてください。';
        return r.ok ? r.json() : null;
      })
      .then(function (data) {
        if (!data) return;
        data.entries.forEach(function (e) { add(e); after = e.atIso; });
      })
      .catch(function () {});
  }
  setInterval(poll, 5000);
  Array.prototype.forEach.call(document.querySelectorAll('.canned-use'), function (b) {
    b.addEventListener('click', function () {
      var box = document.getElementById('reply-text');
      box.value = b.getAttribute('data-text');
      // A text in another language than the resident's: say which, where screen readers announce it.
      var status = document.getElementById('canned-status');
      if (status) status.textContent = b.getAttribute('data-notice') || '';
      box.focus();
    });
  });
})();
