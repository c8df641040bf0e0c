"""A government portal simulator for the crawler's tests, benchmark and demo (`python -m crawler.sim.server`)."""
