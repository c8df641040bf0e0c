"""The Elasticsearch backend of the index (`NIANBAO_ES_URL`)."""
from indexer.elastic.index import ElasticIndex

__all__ = ["ElasticIndex"]
