"""Portal pages: the body found, the furniture dropped, spans resolved, encodings decoded."""
from __future__ import annotations

from crawler.sim.render import render_html


def test_real_shanghai_page_tables_match_the_gold(shanghai_document, gold_table3):
    document = shanghai_document
    assert document.source_format == "html"
    assert document.title_hint == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert document.published_hint == "2020-01-31"
    table2, table3, table4 = document.tables
    assert table2.physical_rows()[2] == ["规章", "13", "13", "524"]  # 本年新公开数量 spans two columns
    assert table2.grid[2] == ["规章", "13", "13", "13", "524"]
    # three header rows, then the 23 rows of the 2019 table 3: the last seven cells hold the numbers
    assert [row[-7:] for row in table3.grid[3:]] == gold_table3("shanghai_office_2019")
    assert table3.grid[5][0] == "三、本年度办理结果" and table3.origin[5][0] == table3.origin[20][0] == (5, 0)
    assert table4.grid[3] == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]
    assert "市政府办公厅代表市政府共受理政府信息公开申请859件" in document.text


def test_gbk_portal_page_with_wrong_meta(standard_html_gbk, standard_values, convert):
    assert "charset=utf-8".encode() in standard_html_gbk  # the page lies about its encoding
    document = convert(standard_html_gbk, "http://www.qingshan.gov.cn/zwgk/202301/t20230118_1337823.html")
    assert document.title_hint == "青山镇人民政府2022年政府信息公开工作年度报告"
    assert document.published_hint == "2023-01-18"
    text = document.text
    assert "累计主动公开政府信息1234条" in text
    for furniture in ("首页", "政务服务", "当前位置", "分享到", "打印本页", "ICP备案号", "网站标识码", "公开指南", "_hmt"):
        assert furniture not in text, furniture
    table3_rows, table4_values = standard_values
    table2, table3, table4 = document.tables
    assert [row[-7:] for row in table3.grid[3:]] == table3_rows
    assert table4.grid[3] == table4_values
    # rowspan/colspan resolved: the 3x3 corner, the 22-row outcome label and the 8-row 不予公开 group
    assert {table3.origin[r][c] for r in range(3) for c in range(3)} == {(0, 0)}
    outcome_rows = [r for r, row in enumerate(table3.grid) if row[0] == "三、本年度办理结果"]
    assert len(outcome_rows) == 22 and {table3.origin[r][0] for r in outcome_rows} == {(outcome_rows[0], 0)}
    denied = [r for r, row in enumerate(table3.grid) if row[1] == "（三）不予公开"]
    assert len(denied) == 8 and table3.grid[denied[-1]][2] == "8.属于行政查询事项"
    assert table3.physical_rows()[1] == ["自然人", "法人或其他组织", "总计"]
    assert table2.physical_rows()[6] == ["行政许可", "0"]


def test_word_export_markup_keeps_split_numbers_whole(standard_report_content, standard_values, convert):
    page = render_html(standard_report_content, encoding="utf-8", declared_charset="gb2312", word_markup=True)
    assert b"<o:p>" in page and b"mso-" in page and b">10</span><span" in page  # "101" split over spans
    document = convert(page, "word-export.htm")
    table3_rows, _ = standard_values
    assert [row[-7:] for row in document.tables[1].grid[3:]] == table3_rows


DENSE_PAGE = """<html><head><meta charset="gb2312"><title>2020年度信息公开年报 - 某某县人民政府</title></head><body>
<div id="top"><a href="/">首页</a><a href="/a">机构</a><a href="/b">政务公开</a><a href="/c">办事服务</a></div>
<div class="menu"><ul><li><a href="/1">通知公告</a></li><li><a href="/2">政策解读</a></li><li><a href="/3">年度报告</a></li></ul></div>
<div class="left"><a href="/x">友情链接一</a> <a href="/y">友情链接二</a> <a href="/z">友情链接三</a></div>
<div class="wrap"><div class="c1">
<p>某某县2020年政府信息公开工作年度报告</p>
<p>发布时间：2021年1月25日</p>
<p>一、总体情况</p>
<p>2020年，我县深入贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息2456条，发布政策解读35篇。</p>
<p>二、收到和处理政府信息公开申请情况</p>
<table border="1"><tr><td rowspan="2">申请</td><td>自然人</td><td>总计</td></tr><tr><td>7</td><td>9</td></tr></table>
<p>全年共受理政府信息公开申请9件，均已按时答复。</p>
</div></div>
<div class="foot">版权所有：某某县人民政府 地址：某某县人民路8号 联系电话：0000-1234567 备案号：某ICP备1234号</div>
</body></html>"""


def test_densest_block_found_without_a_named_container(convert):
    document = convert(DENSE_PAGE.encode("gbk"), "county.htm")
    paragraphs = [paragraph.text for paragraph in document.iter_paragraphs()]
    assert paragraphs[0] == "某某县2020年政府信息公开工作年度报告"
    assert paragraphs[-1] == "全年共受理政府信息公开申请9件，均已按时答复。"
    assert "友情链接一" not in document.text and "版权所有" not in document.text and "通知公告" not in document.text
    assert document.title_hint == "2020年度信息公开年报"
    assert document.published_hint == "2021-01-25"
    (table,) = document.tables
    assert table.grid == [["申请", "自然人", "总计"], ["申请", "7", "9"]]
    assert table.origin[1][0] == (0, 0)


def test_layout_tables_hidden_elements_and_scripts(convert):
    page = ("<html><body><table><tr><td>"
            "<div class='TRS_Editor'><p>一、总体情况</p><p style='display:none'>隐藏的草稿文字</p>"
            "<script>var secret = '脚本内容';</script><!--[if gte mso 9]><xml>注释内容</xml><![endif]-->"
            "<p>全年主动公开信息88条。</p><table border=1><tr><td>规章</td><td>1<br>2</td></tr>"
            "<tr><td colspan=2>合计</td></tr></table></div></td></tr></table></body></html>")
    document = convert(page.encode("utf-8"), "layout.html")
    assert [p.text for p in document.iter_paragraphs()] == ["一、总体情况", "全年主动公开信息88条。"]
    (table,) = document.tables
    assert table.grid == [["规章", "1 2"], ["合计", "合计"]]  # a <br> between digits reads as a space
    for hidden in ("隐藏的草稿文字", "脚本内容", "注释内容"):
        assert hidden not in document.text


def test_undecodable_bytes_are_replaced_with_a_warning(convert):
    page = "<html><body><div class='article'><p>全年主动公开政府信息100条。</p></div></body></html>".encode("gbk")
    damaged = page.replace("信息".encode("gbk"), b"\xff\xfe", 1)
    document = convert(damaged, "damaged.html")
    assert "全年主动公开政府" in document.text and "100条" in document.text
    assert any("undecodable" in warning and "damaged.html" in warning for warning in document.warnings)


def test_a_wrapper_named_like_furniture_is_kept_when_it_holds_the_report(convert):
    paragraphs = "".join(f"<p>第{i}段：全年主动公开政府信息{i}条，持续推进政务公开标准化规范化建设。</p>" for i in range(1, 9))
    page = (f"<html><body><div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
            f"<div id='print_area'><div class='wrap'>{paragraphs}</div></div>"
            f"<div class='footer'>版权所有</div></body></html>")
    document = convert(page.encode("utf-8"), "print-area.html")
    assert len(list(document.iter_paragraphs())) == 8
    assert "首页" not in document.text and "版权所有" not in document.text
