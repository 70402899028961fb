"""Serializers with explicit fields: the catalog, postings, rubrics and analysis."""
