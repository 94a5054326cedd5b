"""Analytics of a plan: progress, health figures and quality checks.

Everything reads a Snapshot and never writes; docs/ANALYTICS.md defines every figure. The rules
behind them (parents, lines of sight, views of a cycle, skips, orphans) are okrdesk.rulebook's.
"""

from okrdesk.analytics.health import (
    DownwardLink,
    HealthReport,
    LevelHealth,
    SkipLink,
    health,
)
from okrdesk.analytics.live import LiveAnalytics
from okrdesk.analytics.progress import (
    ProgressCalculator,
    ProgressPart,
    explain_progress,
    kr_progress,
    objective_progress,
    score_band,
)
from okrdesk.analytics.quality import Finding, quality_findings
from okrdesk.rulebook import line_of_sight, view_objectives

__all__ = [
    "DownwardLink",
    "Finding",
    "HealthReport",
    "LevelHealth",
    "LiveAnalytics",
    "ProgressCalculator",
    "ProgressPart",
    "SkipLink",
    "explain_progress",
    "health",
    "kr_progress",
    "line_of_sight",
    "objective_progress",
    "quality_findings",
    "score_band",
    "view_objectives",
]
