// The printable export's print button (inline handlers are not allowed by the console's CSP).
(function () {
  var button = document.getElementById('print-export');
  if (button) button.addEventListener('click', function () { window.print(); });
})();
