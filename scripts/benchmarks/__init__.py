"""Benchmarks and audits behind ``make bench``: build speed, page size, Lighthouse scores."""
