"""awardsite: build an awards programme's guidance and shortlist pages from YAML."""

__version__ = "0.1.0"
