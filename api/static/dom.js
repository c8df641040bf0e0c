/* Small helpers every view uses: building elements, calling the API, the shared Chinese labels.
 *
 * The page holds no data of its own: each view reads its URL's query string, asks the API the same
 * path under /api with the same parameters, and draws the answer. Labels of metrics and tables come
 * from /api/metrics/catalog; only words of the interface itself are written here. */
"use strict";

const NB = {};

/* el("a", {href: "/x", class: "y"}, "text", otherNode): an element with attributes and children.
 * Strings become text nodes, so nothing from the data is ever parsed as HTML. */
NB.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, value);
  }
  NB.append(node, children);
  return node;
};

NB.append = function (node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

/* Highlights arrive HTML-escaped with matches inside <em>…</em>; anything else is shown as text. */
NB.highlighted = function (fragment) {
  const span = NB.el("span", {class: "snippet"});
  if (/<(?!\/?em>)/.test(fragment)) span.textContent = fragment.replace(/<\/?em>/g, "");
  else span.innerHTML = fragment;
  return span;
};

NB.ApiError = class extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
};

NB.api = async function (path, params) {
  const url = "/api" + path + (params && String(params) ? "?" + params : "");
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) throw new NB.ApiError(response.status, (body && body.detail) || response.statusText);
  return body;
};

let catalogPromise = null;
/* The metric catalog, fetched once per page load. */
NB.catalog = function () {
  if (!catalogPromise) catalogPromise = NB.api("/metrics/catalog").then((catalog) => {
    catalog.byId = Object.fromEntries(catalog.metrics.map((m) => [m.id, m]));
    return catalog;
  });
  return catalogPromise;
};

/* Query parameters without empty values, so links and API calls carry only what was chosen. */
NB.params = function (entries) {
  const params = new URLSearchParams();
  for (const [name, value] of entries) {
    if (value !== null && value !== undefined && String(value).trim() !== "") params.append(name, value);
  }
  return params;
};

NB.withParam = function (params, name, value) {
  const next = new URLSearchParams(params);
  next.delete(name);
  if (value !== null && value !== undefined && value !== "") next.set(name, value);
  if (name !== "page") next.delete("page");
  return next;
};

NB.link = function (path, params, ...children) {
  const query = String(params || "");
  return NB.el("a", {href: path + (query ? "?" + query : "")}, ...children);
};

NB.number = function (value, unit) {
  if (value === null || value === undefined) return "—";
  const shown = Number.isInteger(value) ? value.toLocaleString("zh-CN")
    : value.toLocaleString("zh-CN", {maximumFractionDigits: 2});
  return unit === "元" ? shown + " 元" : shown;
};

NB.regionText = function (region) {
  return ["province", "city", "county"].map((level) => (region || {})[level]).filter(Boolean)
    .filter((name, i, names) => names.indexOf(name) === i).join(" · ");
};

NB.error = function (error) {
  const detail = error instanceof NB.ApiError ? `${error.message}（${error.status}）` : String(error);
  return NB.el("p", {class: "error", role: "alert"}, "出错了：", detail);
};

NB.LABELS = {
  year: "年份", province: "省份", city: "城市", county: "区县", admin_level: "行政级别",
  template: "表格模板", organization: "发布机关", failed_checks: "校验",
  year_from: "起始年份", year_to: "截止年份", q: "关键词",
};
NB.VALUE_LABELS = {
  admin_level: {township: "乡镇（街道）", county: "县级", city: "市级", province: "省级", department: "部门"},
  template: {"2019": "2019 版", "2021": "2021 版", legacy: "旧版（2019 年前）"},
  failed_checks: {true: "有未通过的校验", false: "校验全部通过"},
};
NB.valueLabel = function (name, value) {
  if (value === null || value === undefined || value === "" || value === "null") return "（未知）";
  return ((NB.VALUE_LABELS[name] || {})[value]) || String(value);
};
NB.AGG_LABELS = {sum: "合计", mean: "平均", min: "最小", max: "最大", count: "报告数", count_nonnull: "有数值的报告数"};
NB.FACT_LABELS = {
  info_published_total: "主动公开信息总数", info_published_channel: "各渠道公开信息数",
  policy_interpretations: "政策解读", press_conferences: "新闻发布会", trainings: "培训",
  applications_received: "受理申请数", npc_cppcc_handled: "办理人大建议、政协提案",
};
NB.factLabel = (type) => NB.FACT_LABELS[type] || type;
