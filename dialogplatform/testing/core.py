"""Core services a format's tests call to see the format's hooks at work.

They are not part of ``dialogplatform.plugin_api``: a format's own code never
calls them, the core does.
"""
from dialogplatform.services.recommendations import candidates as recommendation_candidates
from dialogplatform.services.reports import process_report

__all__ = ["process_report", "recommendation_candidates"]
