/* The edition's behaviour: note toggles, term definitions, path step bar. Plain script, no library. */
(function () {
  "use strict";
  document.documentElement.classList.add("dp-js");
})();
