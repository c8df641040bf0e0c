"""The crawler's spiders: one generic spider, configured per portal (crawler/portals.py)."""
