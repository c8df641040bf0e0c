"""The crawler: a Scrapy project that finds annual reports on government portals and stores every
version of every document in the raw store (crawler.store). Run it with crawler.launch.crawl (a
child process per crawl) or `nianbao crawl`; it never imports the later stages.
"""
