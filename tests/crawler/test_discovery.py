"""Link discovery on pages built here, in layouts other than the simulator's (Hanweb-like, plain CMS)."""
from __future__ import annotations

from scrapy.http import HtmlResponse

from crawler.discovery import discover_links, page_published, page_title, script_pagination_urls
from crawler.portals import Portal, parse_portal

PORTAL: Portal = parse_portal({"name": "t", "start_urls": ["http://www.example.gov.cn/"]}, "test")


def page(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=f"<html><body>{body}</body></html>".encode(), encoding="utf-8")


def test_create_page_html_with_literals_and_with_variables() -> None:
    literal = page("http://x.gov.cn/xxgk/nb/index.html",
                   '<script>createPageHTML(3, 0, "index", "html");</script>')
    assert script_pagination_urls(literal) == ["http://x.gov.cn/xxgk/nb/index_1.html",
                                               "http://x.gov.cn/xxgk/nb/index_2.html"]
    # second layout: variables set earlier in the script, .shtml pages, seen from page 2 of 4
    variables = page("http://y.gov.cn/zwgk/ndbg/index_2.shtml",
                     "<script>var countPage = 4//共多少页\nvar currentPage = 2;\n"
                     'createPageHTML(countPage, currentPage, "index", "shtml");</script>')
    assert script_pagination_urls(variables) == ["http://y.gov.cn/zwgk/ndbg/index.shtml",
                                                 "http://y.gov.cn/zwgk/ndbg/index_1.shtml",
                                                 "http://y.gov.cn/zwgk/ndbg/index_3.shtml"]
    single = page("http://x.gov.cn/nb/202101/t20210118_1.html", '<script>createPageHTML(1, 0, "index", "html");</script>')
    assert script_pagination_urls(single) == []


def test_list_page_links_are_sorted_by_title_and_url_shape() -> None:
    listing = page("http://www.example.gov.cn/col/col2310/index.html", """
      <ul>
        <li><a href="/art/2024/1/30/art_2310_89890.html" title="清河区2023年度政府信息公开工作年度报告">清河区2023年度政府信息公开…</a>
            <span>2024-01-30</span></li>
        <li><a href="/art/2024/1/28/art_2310_89850.html">二〇二三年度市交通运输局政务公开工作年度报告</a></li>
        <li><a href="/art/2024/2/1/art_2310_90001.html">2024年政府工作报告</a></li>
        <li><a href="/art/2024/3/1/art_2310_90101.html">关于做好政府信息公开工作的通知</a></li>
        <li><a href="/module/download/2023nb.pdf">涟水县2023年政府信息公开工作年度报告.pdf</a></li>
        <li><a href="/module/download/form.doc">政府信息公开申请表.doc</a></li>
      </ul>
      <a href="/col/col2311/">历年政府信息公开年报</a>
      <a href="/col/col2400/">通知公告</a>
      <div class="page"><a href="index_1.html">下一页</a> <a href="/other/index_1.html">下一页</a></div>
      <a href="javascript:void(0)">打印</a>""")
    links = discover_links(listing, PORTAL, on_report_page=False)
    assert [link.url for link in links.report_pages] == [
        "http://www.example.gov.cn/art/2024/1/30/art_2310_89890.html",
        "http://www.example.gov.cn/art/2024/1/28/art_2310_89850.html"]
    assert links.report_pages[0].title == "清河区2023年度政府信息公开工作年度报告"  # the full title, not the cut text
    assert links.report_pages[0].published == "2024-01-30"
    assert [link.url for link in links.attachments] == ["http://www.example.gov.cn/module/download/2023nb.pdf"]
    assert [link.url for link in links.list_pages] == ["http://www.example.gov.cn/col/col2311/",
                                                       "http://www.example.gov.cn/col/col2310/index_1.html"]


def test_list_link_pattern_hint_follows_columns_the_titles_do_not_reveal() -> None:
    hinted = parse_portal({"name": "t", "start_urls": ["http://z.gov.cn/"], "list_link_pattern": r"/nb/\d{4}/$"}, "test")
    column = page("http://z.gov.cn/nb/", '<a href="/nb/2021/">2021年</a> <a href="/nb/2022/">2022年</a>')
    assert discover_links(column, PORTAL, on_report_page=False).list_pages == []
    assert [link.url for link in discover_links(column, hinted, on_report_page=False).list_pages] == [
        "http://z.gov.cn/nb/2021/", "http://z.gov.cn/nb/2022/"]


def test_every_attachment_of_a_report_page_belongs_to_the_report() -> None:
    report = page("http://z.gov.cn/nb/2022/Content-2361064.html", """
      <h1>某区2021年政府信息公开工作年度报告</h1><div class="content"><p>全文见附件。</p>
      <p><a href="/uploadfiles/2022/1.docx">附件1</a> <a href="/uploadfiles/2022/2.WPS">附件2</a>
      <a href="/uploadfiles/2022/3.xls?v=2">统计表</a></p></div>""")
    links = discover_links(report, PORTAL, on_report_page=True)
    assert [link.url.rsplit("/", 1)[1] for link in links.attachments] == ["1.docx", "2.WPS", "3.xls?v=2"]


def test_title_and_date_of_a_report_page() -> None:
    with_meta = HtmlResponse(url="http://x.gov.cn/nb/202202/t20220218_85109283.html", encoding="utf-8", body=(
        '<html><head><meta name="ArticleTitle" content="某县2021年政府信息公开工作年度报告">'
        '<meta name="PubDate" content="2022-02-18 09:30"><title>某县人民政府</title></head>'
        "<body><h1>政府信息公开年报</h1></body></html>").encode())
    assert page_title(with_meta, PORTAL, None) == "某县2021年政府信息公开工作年度报告"
    assert page_published(with_meta, None) == "2022-02-18"
    # no metadata: the <title> part that reads as a report title, the URL's TRS date
    plain = HtmlResponse(url="http://x.gov.cn/nb/202403/t20240308_1847723.shtml", encoding="utf-8", body=(
        "<html><head><title>某市人民政府 - 2023年度某市政府信息公开工作年度报告</title></head>"
        "<body><p>正文</p></body></html>").encode())
    assert page_title(plain, PORTAL, None) == "2023年度某市政府信息公开工作年度报告"
    assert page_published(plain, None) == "2024-03-08"
