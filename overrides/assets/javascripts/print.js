/* The addresses a printed page gives (the attribution block, each path stop): the address the reader
   loaded, so that a handout leads back to the copy it was printed from. Each [data-dp-address] holds the
   link from this page to the page it names; it is resolved against this page's address (query and
   fragment dropped) when the page was served over http(s) from a real host. Otherwise (the offline copy,
   opened from the disk; a preview on this machine) the build's address stays, which the build printed
   only if it is no placeholder, and a line with no address stays hidden.
   Placeholder hosts are those of hooks/edition/render/attribution.py: keep the two rules in step. */
(function () {
  "use strict";
  var DOMAINS = /(^|\.)(example\.com|example\.org|example\.net|localhost)$/;
  var TLDS = /\.(example|invalid|test|localhost)$/;

  function placeholder(host) {
    host = host.toLowerCase().replace(/\.$/, "");
    return !host || DOMAINS.test(host) || TLDS.test(host) ||
      /^127\./.test(host) || host === "0.0.0.0" || host === "[::1]" || host === "[::]";
  }

  if (!/^https?:$/.test(location.protocol) || placeholder(location.hostname)) return;
  var here = location.origin + location.pathname;
  document.querySelectorAll("[data-dp-address]").forEach(function (el) {
    var url = new URL(el.getAttribute("data-dp-address") || "", here);
    if (url.protocol !== location.protocol || url.host !== location.host) return; // only this site's pages
    el.textContent = url.href;
    var line = el.closest("[hidden]");
    if (line) line.hidden = false;
  });
})();
