"""A key result's measure in a few words, as the outline view and the paste preview show it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

GROUPED_FROM = 10_000  # as the inspector: 2027, not 2,027


def number_words(value: float) -> str:
    locale = QLocale()
    if abs(value) < GROUPED_FROM:
        locale.setNumberOptions(locale.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(float(value), "g", 12)


def measure_text(kind: str, start: float | None, target: float | None, unit: str) -> str:
    """A key result's measure as the outline and the paste preview show it: "increase from 30
    to 45 · NPS", "milestone", "no metric"."""
    translate = QCoreApplication.translate  # lupdate reads translate(context, text)
    words = {"increase": translate("outline", "increase"),
             "decrease": translate("outline", "decrease"),
             "stay_above": translate("outline", "stay above"),
             "stay_below": translate("outline", "stay below")}
    if kind == "milestone":
        return translate("outline", "milestone")
    if kind == "objective":
        return translate("outline", "stands for an aligned objective")
    if kind not in words:
        return translate("outline", "no metric")
    text = words[kind]
    if kind.startswith("stay"):
        text += (f" {number_words(target)}" if target is not None
                 else translate("outline", ", no value"))
    elif start is not None and target is not None:
        text += translate("outline", " from {0} to {1}").format(number_words(start),
                                                                number_words(target))
    elif target is not None:
        text += translate("outline", " to {0}").format(number_words(target))
    elif start is not None:
        text += translate("outline", " from {0}, no target").format(number_words(start))
    else:
        text += translate("outline", ", no target")
    return f"{text} · {unit}" if unit else text
