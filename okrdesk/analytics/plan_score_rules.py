"""The rules of the plan score: what each weighs, which findings it counts, and what it counts
them among (docs/ANALYTICS.md, "Plan score"). The rules themselves are the quality checks and
the coaches' rules of okrdesk.analytics.quality; here they are only weighed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """`counts`: the items a rule looks at, among which a share falls short."""

    key: str
    name: str
    weight: int
    counts: str  # "key results", "objectives", "company objectives" or "cycles"
    codes: frozenset[str]
    short: str  # the plan's reason: "{failing} of {counted} …"


RULES = (
    Rule("measurable", "Measurable key results", 25, "key results",
         frozenset({"not_measurable", "no_measurable_target", "placeholder_target",
                    "no_baseline"}),
         "{failing} of {counted} key results cannot be measured: no metric, no target, a "
         "placeholder for a number, or no baseline apart from the target."),
    Rule("outcomes", "Results, not activities", 15, "key results", frozenset({"activity_only"}),
         "{failing} of {counted} key results are activities (launch, complete, ship …) "
         "without a measure."),
    Rule("focus", "Focus", 15, "cycles", frozenset({"too_many_objectives"}),
         "{failing} of {counted} owners' cycles hold more than {most} objectives."),
    Rule("sound", "Sound objectives", 15, "objectives",
         frozenset({"no_key_results", "too_many_key_results", "duplicate_title",
                    "missing_parent_key_result", "objective_key_result_unlinked",
                    "objective_key_result_shared", "missing_cycle", "missing_objective",
                    "dangling_contribution", "alignment_loop"}),
         "{failing} of {counted} objectives have no key results, too many, a title used "
         "twice, or a broken link."),
    Rule("ownership", "Ownership", 10, "objectives", frozenset({"missing_owner",
                                                                 "missing_level"}),
         "{failing} of {counted} objectives have no owner, or one at no level."),
    Rule("why", "A why for company objectives", 10, "company objectives",
         frozenset({"no_why"}),
         "{failing} of {counted} company objectives say no why (no description)."),
    Rule("confidence", "Honest confidence", 10, "key results",
         frozenset({"low_confidence_on_track"}),
         "{failing} of {counted} key results have low confidence (3/10 or less) while their "
         "objective is on track."),
)
RULE_OF_CODE = {code: rule for rule in RULES for code in rule.codes}
RULE_ORDER = {rule.key: position for position, rule in enumerate(RULES)}
assert sum(rule.weight for rule in RULES) == 100
