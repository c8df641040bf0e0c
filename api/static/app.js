/* The page's router: a path picks a view, the query string is the view's state.
 *
 * /search, /reports/{id}, /metrics and /coverage are served the same HTML; each view asks the API
 * the same path under /api, so every state of the page is a URL that can be shared, and its JSON
 * twin is that URL with /api in front. Links inside the page change the URL without reloading. */
"use strict";

NB.views = NB.views || {};

NB.route = function (pathname) {
  const report = pathname.match(/^\/reports\/([^/]+)$/);
  if (report) return {view: NB.views.report, name: "report", arg: decodeURIComponent(report[1])};
  if (pathname === "/metrics") return {view: NB.views.metrics, name: "metrics"};
  if (pathname === "/coverage") return {view: NB.views.coverage, name: "coverage"};
  return {view: NB.views.search, name: "search"};
};

NB.render = async function () {
  const app = document.getElementById("app");
  const route = NB.route(location.pathname);
  for (const link of document.querySelectorAll("header nav a[data-view]")) {
    link.classList.toggle("active", link.dataset.view === route.name);
  }
  const params = new URLSearchParams(location.search);
  const token = (NB.renderToken = (NB.renderToken || 0) + 1);
  NB.lastDrawn = NB.drawn();
  try {
    const content = await route.view(params, route.arg);
    if (token !== NB.renderToken) return;  // a later navigation won
    app.replaceChildren(content);
  } catch (error) {
    if (token !== NB.renderToken) return;
    app.replaceChildren(NB.error(error));
  }
  document.body.dataset.view = route.name;
  document.body.dataset.ready = String(token);
};

NB.go = function (url) {
  history.pushState(null, "", url);
  NB.render().then(() => { if (!location.hash) window.scrollTo(0, 0); });
};

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(link.href, location.href);
  const inPage = url.origin === location.origin && !url.pathname.startsWith("/api/") &&
    !url.pathname.startsWith("/docs") && !link.hasAttribute("download") && link.target !== "_blank";
  if (!inPage) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;  // an anchor
  event.preventDefault();
  NB.go(url.pathname + url.search + url.hash);
});

/* Following an in-page anchor (#fact-3) also fires popstate; drawing the view again then would
 * replace the element the anchor targets, so only a change of path or query redraws. */
NB.drawn = () => location.pathname + location.search;
NB.lastDrawn = NB.drawn();
window.addEventListener("popstate", () => {
  if (NB.drawn() === NB.lastDrawn) return;
  NB.render();
});
NB.render();
