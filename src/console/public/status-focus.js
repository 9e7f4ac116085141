// After an action, the status message takes focus so screen readers announce it.
(function () {
  var done = document.getElementById('done');
  if (done) done.focus();
})();
