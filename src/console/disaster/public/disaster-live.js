// Live pages (reception, urgent alerts): polls `url` every `everyMs` and calls `redraw(data)` when the answer changed
// since the page was rendered (the first answer only records it: the server-rendered page is current). Background
// polls say so (`x-console-poll`), so they do not keep an unattended screen signed in.
window.disasterLive = function (url, everyMs, redraw) {
  var last = null;
  function poll() {
    fetch(url, { headers: { accept: 'application/json', 'x-console-poll': '1' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var json = JSON.stringify(data);
        if (json === last) return;
        var first = last === null;
        last = json;
        if (!first) redraw(data);
      })
      .catch(function () {});
  }
  poll();
  setInterval(poll, everyMs);
};
