"""Scrapy settings of the nianbao crawler: polite by default.

One crawler runs per portal (crawler/run.py), so CONCURRENT_REQUESTS is the limit per portal,
whatever domains the portal spans. Tests and benchmarks override the delays, never the rules
(robots.txt, challenge detection, size limit).
"""
BOT_NAME = "nianbao"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
USER_AGENT = "nianbao/0.1 (archive of government information disclosure annual reports)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 2
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024  # no annual report comes near; a bigger body is not one
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
NIANBAO_RETRY_BACKOFF = 2.0  # seconds before the first retry; doubles with each retry
NIANBAO_RETRY_BACKOFF_MAX = 60.0

DEPTH_LIMIT = 12  # list -> pagination -> report -> attachment, with room for nested columns
CLOSESPIDER_TIMEOUT = 6 * 3600  # a run that long is stuck; it stays unfinished and the next run resumes it
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "WARNING"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.EncodingMiddleware": 560,
    "crawler.middlewares.ChallengeMiddleware": 570,
    # below DownloaderStats (850): the stats count a 304 as the few bytes it was, not the stored body
    "crawler.middlewares.ConditionalRequestMiddleware": 800,
}
ITEM_PIPELINES = {"crawler.pipelines.RawStorePipeline": 300}
EXTENSIONS = {"crawler.extensions.CrawlRun": 100}

# Set by crawler/run.py for each run.
NIANBAO_DATA_DIR = "data"
NIANBAO_PROGRESS = False
