// The やさしい日本語 check beside every <textarea data-easy-japanese>: as staff type, the text is checked in a worker
// (easy-japanese worker, kuromoji in the browser) and the places to look at are shown underlined below the field,
// each with why and a suggestion, with a score. Two buttons add readings in brackets (漢字(かんじ)). Advice only:
// nothing stops a send.
(function () {
  'use strict';
  var fields = Array.prototype.slice.call(document.querySelectorAll('textarea[data-easy-japanese]'));
  if (fields.length === 0) return;

  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = '/console/assets/easy-japanese.css';
  document.head.appendChild(style);

  var worker = null;
  var nextId = 1;
  var waiting = {};
  function ask(message) {
    if (!worker) {
      worker = new Worker('/console/easy-japanese/worker.js');
      worker.onmessage = function (event) {
        var answer = event.data;
        var done = waiting[answer.id];
        delete waiting[answer.id];
        if (done) done(answer);
      };
    }
    return new Promise(function (resolve) {
      message.id = nextId++;
      waiting[message.id] = resolve;
      worker.postMessage(message);
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The text with each finding's span marked; overlapping spans are merged into one mark. */
  function preview(text, findings) {
    var box = el('div', 'ej-preview');
    var spans = findings.map(function (f) { return { start: f.start, end: f.end, titles: [f.ruleName + ':' + f.message] }; });
    spans.sort(function (a, b) { return a.start - b.start; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s.start < last.end) {
        last.end = Math.max(last.end, s.end);
        last.titles = last.titles.concat(s.titles);
      } else merged.push(s);
    });
    var at = 0;
    merged.forEach(function (s) {
      if (s.start > at) box.appendChild(document.createTextNode(text.slice(at, s.start)));
      var mark = el('mark', 'ej-mark', text.slice(s.start, s.end));
      mark.title = s.titles.join('\n');
      box.appendChild(mark);
      at = s.end;
    });
    if (at < text.length) box.appendChild(document.createTextNode(text.slice(at)));
    return box;
  }

  function attach(field) {
    var panel = el('div', 'ej-panel');
    panel.setAttribute('aria-live', 'polite');
    var status = el('p', 'ej-status', 'やさしい日本語チェック:入力すると、わかりにくいところを下に示します。');
    var body = el('div', 'ej-body');
    var tools = el('div', 'ej-tools');
    var beyond = el('button', 'button button-secondary ej-readings', '常用漢字でない漢字にふりがなをつける');
    var all = el('button', 'button button-secondary ej-readings', 'すべての漢字にふりがなをつける');
    beyond.type = 'button';
    all.type = 'button';
    tools.appendChild(beyond);
    tools.appendChild(all);
    panel.appendChild(status);
    panel.appendChild(body);
    panel.appendChild(tools);
    field.insertAdjacentElement('afterend', panel);

    var timer = null;
    var asked = 0;
    function show(text, answer) {
      body.textContent = '';
      if (answer.error) {
        status.textContent = 'やさしい日本語チェックを使えませんでした(' + answer.error + ')。このまま保存・送信できます。';
        return;
      }
      var report = answer.report;
      if (!text.trim()) {
        status.textContent = 'やさしい日本語チェック:入力すると、わかりにくいところを下に示します。';
        return;
      }
      status.textContent = 'やさしい日本語チェック ' + report.score + '点' + (report.findings.length ? '(' + report.findings.length + 'か所。このまま送ることもできます)' : ':直すところは見つかりませんでした');
      status.setAttribute('data-score', String(report.score));
      if (!report.findings.length) return;
      body.appendChild(preview(text, report.findings));
      var list = el('ul', 'ej-findings');
      report.findings.forEach(function (f) {
        var item = el('li', 'ej-finding');
        item.setAttribute('data-rule', f.rule);
        var go = el('button', 'ej-excerpt', '「' + f.excerpt + '」');
        go.type = 'button';
        go.title = 'この場所を選ぶ';
        go.addEventListener('click', function () {
          field.focus();
          field.setSelectionRange(f.start, f.end);
        });
        item.appendChild(go);
        item.appendChild(el('span', 'ej-rule', f.ruleName));
        item.appendChild(el('span', 'ej-message', f.message));
        if (f.suggestion) item.appendChild(el('span', 'ej-suggestion', '→ ' + f.suggestion));
        list.appendChild(item);
      });
      body.appendChild(list);
    }
    function check() {
      var text = field.value;
      var mine = ++asked;
      if (!worker) status.textContent = 'やさしい日本語チェックを準備しています…(はじめは辞書を読むので少し時間がかかります)';
      ask({ kind: 'check', text: text }).then(function (answer) {
        if (mine === asked) show(text, answer);
      });
    }
    field.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    function readings(scope) {
      ask({ kind: 'readings', text: field.value, scope: scope }).then(function (answer) {
        if (answer.error) return;
        field.focus();
        field.select();
        // insertText keeps the browser's undo (Ctrl+Z) for the change; where it is missing, the value is set.
        if (!document.execCommand || !document.execCommand('insertText', false, answer.text)) field.value = answer.text;
        check();
      });
    }
    beyond.addEventListener('click', function () { readings('beyondCommon'); });
    all.addEventListener('click', function () { readings('all'); });
    if (field.value.trim()) check();
  }

  fields.forEach(attach);
})();
