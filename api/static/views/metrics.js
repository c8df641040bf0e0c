/* 指标: pick a metric by its Chinese label (or a fact type), filters and a grouping; a chart (bars
 * by region, level or organization, a line over years), the table behind it with the report
 * values of each group, and the CSV of that table. The page's URL is /api/metrics's (or, for a
 * fact type, /api/facts's), with `agg` choosing which aggregate the chart draws. */
"use strict";

NB.views = NB.views || {};

(function () {

const GROUP_LABELS = {year: "按年份", province: "按省份", city: "按城市", county: "按区县", admin_level: "按行政级别",
                      organization: "按发布机关", "": "不分组"};
const TABLE_NAMES = {2: "表二 主动公开", 3: "表三 依申请公开", 4: "表四 复议诉讼"};
const CHART_AGGS = ["sum", "mean", "min", "max", "count_nonnull"];
const FILTER_FIELDS = ["year_from", "year_to", "province", "city", "admin_level", "template"];

NB.views.metrics = async function (params) {
  const [catalog, regions] = await Promise.all([NB.catalog(), NB.api("/regions")]);
  const factType = params.get("type");
  const metric = factType ? null : params.get("metric");
  const form = metricForm(params, catalog, regions);
  if (!metric && !factType) {
    return NB.el("div", {class: "metrics-view"}, form, NB.el("p", {class: "hint"}, "请选择一个指标，再选择筛选条件和分组方式。"));
  }
  const apiPath = factType ? "/facts" : "/metrics";
  const apiParams = new URLSearchParams(params);
  apiParams.delete("agg");
  const result = await NB.api(apiPath, apiParams);
  const name = result.metrics[0];
  const unit = factType ? ((catalog.fact_types.find((f) => f.type === factType) || {}).unit || "")
    : (catalog.byId[name] || {}).unit;
  const agg = CHART_AGGS.includes(params.get("agg")) ? params.get("agg") : "sum";
  const groupBy = result.group_by;
  const points = result.groups.map((group) => ({
    label: groupBy ? NB.valueLabel(groupBy, group.key) : "全部",
    value: ((group.values || {})[name] || {})[agg],
  }));
  const title = factType ? NB.factLabel(factType) : (catalog.byId[name] || {}).label;
  const csv = new URLSearchParams(apiParams);
  csv.set("format", "csv");
  return NB.el("div", {class: "metrics-view"}, form,
    NB.el("section", {class: "chart-panel"},
      NB.el("h2", {}, title, NB.el("span", {class: "agg"}, `（${NB.AGG_LABELS[agg]}${unit && unit !== "±" ? "，单位：" + unit : ""}）`)),
      points.some((p) => p.value !== null && p.value !== undefined)
        ? (groupBy === "year" ? NB.chart.lineChart(points, unit) : NB.chart.barChart(points, unit))
        : NB.el("p", {class: "empty"}, "所选范围内没有这个指标的数值。"),
      NB.el("p", {class: "exports"},
        NB.el("a", {href: `/api${apiPath}?${csv}`, download: true, class: "csv-link"}, "下载表格 CSV"), " · ",
        NB.el("a", {href: `/api${apiPath}?${NB.withParam(csv, "rows", "reports")}`, download: true}, "下载各报告数值 CSV"))),
    groupTable(result, name, unit, agg),
    reportValues(result, unit));
};

function metricForm(params, catalog, regions) {
  const chosen = params.get("type") ? "type:" + params.get("type") : params.get("metric") ? "metric:" + params.get("metric") : "";
  const byTable = {};
  for (const m of catalog.metrics) (byTable[m.table] = byTable[m.table] || []).push(m);
  const metricSelect = NB.el("select", {name: "metric", "aria-label": "指标", required: true},
    NB.el("option", {value: ""}, "— 选择指标 —"),
    Object.entries(byTable).map(([table, metrics]) => NB.el("optgroup", {label: TABLE_NAMES[table] || `表${table}`},
      metrics.map((m) => NB.el("option", {value: "metric:" + m.id, selected: chosen === "metric:" + m.id}, m.label)))),
    NB.el("optgroup", {label: "文字中的数据"}, catalog.fact_types.map((f) =>
      NB.el("option", {value: "type:" + f.type, selected: chosen === "type:" + f.type}, NB.factLabel(f.type)))));
  const fields = {
    year_from: NB.el("input", {type: "number", name: "year_from", min: 1990, max: 2100, value: params.get("year_from") || "", placeholder: "起始"}),
    year_to: NB.el("input", {type: "number", name: "year_to", min: 1990, max: 2100, value: params.get("year_to") || "", placeholder: "截止"}),
    province: choice("province", regions.map((r) => r.name).filter(Boolean), params),
    city: choice("city", regions.filter((r) => !params.get("province") || r.name === params.get("province"))
      .flatMap((r) => (r.children || []).map((c) => c.name)).filter(Boolean), params),
    admin_level: choice("admin_level", Object.keys(NB.VALUE_LABELS.admin_level), params),
    template: choice("template", Object.keys(NB.VALUE_LABELS.template), params),
  };
  const groupSelect = NB.el("select", {name: "group_by", "aria-label": "分组"},
    Object.entries(GROUP_LABELS).map(([value, label]) =>
      NB.el("option", {value, selected: (params.get("group_by") || "") === value}, label)));
  const aggSelect = NB.el("select", {name: "agg", "aria-label": "图中显示"},
    CHART_AGGS.map((a) => NB.el("option", {value: a, selected: (params.get("agg") || "sum") === a}, NB.AGG_LABELS[a])));
  return NB.el("form", {class: "metric-form", onsubmit: (event) => {
    event.preventDefault();
    const [kind, value] = metricSelect.value.split(/:(.*)/s);
    const entries = [[kind === "type" ? "type" : "metric", value]];
    for (const name of FILTER_FIELDS) entries.push([name, fields[name].value]);
    entries.push(["group_by", groupSelect.value], ["agg", aggSelect.value === "sum" ? "" : aggSelect.value]);
    NB.go("/metrics?" + NB.params(entries));
  }},
    NB.el("label", {class: "wide"}, "指标", metricSelect),
    NB.el("label", {}, "年份", fields.year_from, "—", fields.year_to),
    NB.el("label", {}, NB.LABELS.province, fields.province),
    NB.el("label", {}, NB.LABELS.city, fields.city),
    NB.el("label", {}, NB.LABELS.admin_level, fields.admin_level),
    NB.el("label", {}, NB.LABELS.template, fields.template),
    NB.el("label", {}, "分组", groupSelect),
    NB.el("label", {}, "图中显示", aggSelect),
    NB.el("button", {type: "submit"}, "查询"));
}

function choice(name, values, params) {
  return NB.el("select", {name, "aria-label": NB.LABELS[name]},
    NB.el("option", {value: ""}, "全部"),
    values.map((value) => NB.el("option", {value, selected: params.get(name) === value}, NB.valueLabel(name, value))));
}

function groupTable(result, name, unit, charted) {
  const label = result.group_by ? NB.LABELS[result.group_by] : "范围";
  return NB.el("section", {class: "group-table"}, NB.el("h3", {}, "图表数据"),
    NB.el("table", {class: "grid"},
      NB.el("thead", {}, NB.el("tr", {}, NB.el("th", {}, label),
        result.aggs.map((a) => NB.el("th", {class: a === charted ? "charted" : null}, NB.AGG_LABELS[a] || a)))),
      NB.el("tbody", {}, result.groups.map((group) => NB.el("tr", {},
        NB.el("th", {scope: "row"}, result.group_by ? NB.valueLabel(result.group_by, group.key) : "全部"),
        result.aggs.map((a) => NB.el("td", {class: "num" + (a === charted ? " charted" : "")},
          NB.number(((group.values || {})[name] || {})[a], a.startsWith("count") ? "" : unit))))))));
}

function reportValues(result, unit) {
  const rows = result.groups.flatMap((group) => (group.reports || []).map((report) => ({group, report})));
  if (!rows.length) return null;
  return NB.el("details", {class: "report-values"}, NB.el("summary", {}, `各报告数值（${rows.length}）`),
    NB.el("table", {class: "grid"},
      NB.el("thead", {}, NB.el("tr", {}, ["发布机关", "地区", "年份", "说明", "数值"].map((h) => NB.el("th", {}, h)))),
      NB.el("tbody", {}, rows.map(({report}) => NB.el("tr", {},
        NB.el("td", {}, NB.el("a", {href: "/reports/" + encodeURIComponent(report.id)}, report.organization || report.id)),
        NB.el("td", {}, NB.regionText(report.region)),
        NB.el("td", {}, report.year || ""),
        NB.el("td", {}, report.label || ""),
        NB.el("td", {class: "num"}, NB.number(report.value, unit)))))));
}

})();
