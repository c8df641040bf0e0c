/* 报告: one record. Metadata and the source; tables 2, 3 and 4 drawn in the layout of the template
 * each table follows (from the catalog's `layouts`), a failed check marked on the cells it covers;
 * the facts, each linked to its sentence highlighted in the full text; problems and measures. */
"use strict";

NB.views = NB.views || {};

(function () {

const TABLE_TITLES = {
  "2": "二、主动公开政府信息情况",
  "3": "三、收到和处理政府信息公开申请情况",
  "4": "四、政府信息公开行政复议、行政诉讼情况",
};

NB.views.report = async function (params, id) {
  const [record, catalog, versions] = await Promise.all([
    NB.api("/reports/" + encodeURIComponent(id)),
    NB.catalog(),
    NB.api("/reports/" + encodeURIComponent(id) + "/versions").catch(() => null),
  ]);
  document.title = (record.title || record.organization || "报告") + " · 年报检索";
  const failedCells = failedChecksByCell(record.checks || []);
  return NB.el("article", {class: "report-view", "data-id": record.id},
    NB.el("p", {class: "back"}, NB.el("a", {href: "/search"}, "‹ 返回搜索")),
    NB.el("h1", {}, record.title || record.organization || record.id),
    metadata(record, versions),
    record.error ? NB.el("p", {class: "error"}, "提取失败：", record.error) : null,
    checksSummary(record.checks || []),
    ["2", "3", "4"].map((table) => reportTable(record, catalog, table, failedCells)),
    factsSection(record, catalog),
    itemList("存在的主要问题", record.problems, "problems"),
    itemList("改进措施", record.measures, "measures"),
    (record.warnings || []).length ? NB.el("details", {class: "warnings"},
      NB.el("summary", {}, `提取提示（${record.warnings.length}）`),
      NB.el("ul", {}, record.warnings.map((w) => NB.el("li", {}, w)))) : null,
    fullText(record));
};

function metadata(record, versions) {
  const source = record.source || {};
  const rows = [
    ["发布机关", record.organization],
    ["地区", NB.regionText(record.region)],
    ["行政级别", record.admin_level && NB.valueLabel("admin_level", record.admin_level)],
    ["报告年度", record.year],
    ["发布日期", record.published],
    ["表格模板", record.template && NB.valueLabel("template", record.template)],
    ["来源网址", source.url && NB.el("a", {href: source.url, rel: "noopener noreferrer", target: "_blank"}, source.url)],
    ["原文", versions ? NB.el("a", {href: `/api/reports/${encodeURIComponent(record.id)}/source`, target: "_blank",
                                     class: "source-link"}, `查看原文（${(source.format || "").toUpperCase()}）`)
                       : (source.format ? `${source.format.toUpperCase()}（未存储原文）` : null)],
    ["抓取时间", source.fetched_at],
    ["原文版本", versions && versions.versions.length > 1 ? NB.el("ol", {class: "versions"},
      versions.versions.map((v) => NB.el("li", {},
        NB.el("a", {href: `/api/reports/${encodeURIComponent(record.id)}/source?sha256=${v.sha256}`, target: "_blank"},
              v.fetched_at || v.sha256.slice(0, 12)), v.current ? "（本记录据此提取）" : ""))) : null],
  ];
  return NB.el("dl", {class: "metadata"}, rows.filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([label, value]) => [NB.el("dt", {}, label), NB.el("dd", {}, value)]));
}

/* metric id -> the failed checks that cover it. A check names its cells in `metrics`. */
function failedChecksByCell(checks) {
  const byCell = {};
  for (const check of checks) {
    if (check.ok) continue;
    for (const id of check.metrics || []) (byCell[id] = byCell[id] || []).push(check);
  }
  return byCell;
}

function checksSummary(checks) {
  if (!checks.length) return NB.el("p", {class: "checks none"}, "校验：没有可校验的表格数据。");
  const failed = checks.filter((c) => !c.ok);
  return NB.el("section", {class: "checks " + (failed.length ? "has-failed" : "all-ok")},
    NB.el("p", {}, `校验：${checks.length - failed.length} 项通过`,
      failed.length ? NB.el("strong", {class: "failed"}, `，${failed.length} 项未通过`) : "，全部通过"),
    failed.length ? NB.el("ul", {}, failed.map((c) => NB.el("li", {}, NB.el("code", {}, c.id), " ", c.detail || ""))) : null);
}

function reportTable(record, catalog, table, failedCells) {
  const prefix = `t${table}.`;
  const metrics = record.metrics || {};
  if (!Object.keys(metrics).some((id) => id.startsWith(prefix))) return null;
  const template = (record.table_templates || {})[table] || record.template;
  const layout = (catalog.layouts[template] || catalog.layouts["2021"])[table];
  const cell = (row, column) => valueCell(record, `${prefix}${row}.${column}`, catalog, failedCells);
  const body = table === "4" ? table4(layout, cell) : table === "2" ? table2(layout, cell) : table3(layout, cell);
  return NB.el("section", {class: "report-table", "data-table": table},
    NB.el("h2", {}, TABLE_TITLES[table], NB.el("span", {class: "template"}, `（${NB.valueLabel("template", template)}表格）`)),
    NB.el("div", {class: "table-scroll"}, body));
}

function valueCell(record, id, catalog, failedCells) {
  const metrics = record.metrics || {};
  const raw = ((record.cells || {})[id] || {}).raw;
  const failed = failedCells[id] || [];
  const known = Object.prototype.hasOwnProperty.call(metrics, id);
  const title = [raw !== undefined ? `原文：${raw}` : null, known ? null : "未能读取",
                 ...failed.map((c) => `未通过 ${c.id}：${c.detail || ""}`)].filter(Boolean).join("\n");
  return NB.el("td", {class: ["num", known ? "" : "missing", failed.length ? "failed" : ""].join(" ").trim(),
                      "data-metric": id, title: title || null},
    known ? NB.number(metrics[id], (catalog.byId[id] || {}).unit) : "");
}

/* Table 2 prints items in blocks: consecutive items with the same columns share a header row. */
function table2(layout, cell) {
  const columnLabels = Object.fromEntries(layout.columns);
  const rows = [];
  let previous = null;
  for (const [item, label] of layout.rows) {
    const columns = layout.cells[item] || [];
    if (columns.join() !== previous) {
      rows.push(NB.el("tr", {class: "block-head"}, NB.el("th", {}, "信息内容"), columns.map((c) => NB.el("th", {}, columnLabels[c]))));
      previous = columns.join();
    }
    rows.push(NB.el("tr", {}, NB.el("th", {scope: "row"}, label), columns.map((c) => cell(item, c))));
  }
  return NB.el("table", {class: "grid t2"}, NB.el("tbody", {}, rows));
}

function table3(layout, cell) {
  return NB.el("table", {class: "grid t3"},
    NB.el("thead", {}, NB.el("tr", {}, NB.el("th", {}, "申请情况"), layout.columns.map(([, label]) => NB.el("th", {}, label)))),
    NB.el("tbody", {}, layout.rows.map(([row, label]) => NB.el("tr", {},
      NB.el("th", {scope: "row"}, label), (layout.cells[row] || []).map((column) => cell(row, column))))));
}

/* Table 4 is one row of cells under two header levels: a group labelled "行政诉讼 · 复议后起诉"
 * sits under a shared "行政诉讼" header with its neighbours of the same prefix. */
function table4(layout, cell) {
  const width = layout.columns.length;
  const groups = layout.rows.map(([id, label]) => {
    const [top, sub] = label.split(" · ");
    return {id, top, sub};
  });
  const topRow = [], subRow = [];
  groups.forEach((group, i) => {
    if (!group.sub) topRow.push(NB.el("th", {colspan: width, rowspan: 2}, group.top));
    else {
      if (i === 0 || groups[i - 1].top !== group.top) {
        const run = groups.slice(i).findIndex((g) => g.top !== group.top);
        topRow.push(NB.el("th", {colspan: width * (run === -1 ? groups.length - i : run)}, group.top));
      }
      subRow.push(NB.el("th", {colspan: width}, group.sub));
    }
  });
  return NB.el("table", {class: "grid t4"},
    NB.el("thead", {},
      NB.el("tr", {}, topRow), subRow.length ? NB.el("tr", {}, subRow) : null,
      NB.el("tr", {}, groups.map(() => layout.columns.map(([, label]) => NB.el("th", {class: "result"}, label))))),
    NB.el("tbody", {}, NB.el("tr", {}, groups.map((group) => (layout.cells[group.id] || []).map((c) => cell(group.id, c))))));
}

function factsSection(record, catalog) {
  const facts = record.facts || [];
  if (!facts.length) return null;
  const units = Object.fromEntries(catalog.fact_types.map((f) => [f.type, f.unit]));
  return NB.el("section", {class: "facts"}, NB.el("h2", {}, "文字中的数据"),
    NB.el("table", {class: "grid facts-table"},
      NB.el("thead", {}, NB.el("tr", {}, ["类型", "数值", "说明", "原句"].map((h) => NB.el("th", {}, h)))),
      NB.el("tbody", {}, facts.map((fact, i) => NB.el("tr", {},
        NB.el("td", {}, NB.factLabel(fact.type)),
        NB.el("td", {class: "num"}, fact.value === null || fact.value === undefined ? "—"
          : `${NB.number(fact.value)} ${fact.unit || units[fact.type] || ""}`),
        NB.el("td", {}, fact.label || ""),
        NB.el("td", {}, NB.el("a", {href: `#fact-${i}`, class: "fact-link"}, fact.text)))))));
}

function itemList(title, items, name) {
  if (!(items || []).length) return null;
  return NB.el("section", {class: "items " + name}, NB.el("h2", {}, title),
    NB.el("ol", {}, items.map((item) => NB.el("li", {}, item))));
}

/* The text with each fact's sentence marked; overlapping facts keep the first. */
function fullText(record) {
  const text = record.text || "";
  const facts = (record.facts || []).map((fact, i) => ({...fact, i}))
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start < f.end && f.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const fact of facts) {
    if (fact.start < at) continue;
    parts.push(text.slice(at, fact.start));
    parts.push(NB.el("mark", {id: `fact-${fact.i}`, title: NB.factLabel(fact.type)}, text.slice(fact.start, fact.end)));
    at = fact.end;
  }
  parts.push(text.slice(at));
  return NB.el("section", {class: "full-text"}, NB.el("h2", {}, "全文"), NB.el("div", {class: "text"}, parts));
}

})();
