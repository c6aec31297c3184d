"""Small-group suppression: which groups every output may show.

A women's dialogue must never let anyone single out a participant. So no
group smaller than the threshold is ever shown, anywhere (evaluation page,
CSV, reports, recommendations, the staff's list of texts); the numbers of
the groups that are shown pass the core's ``services.protection.count``:

* the threshold applies per topic; a topic is split by kind only when
  every kind given for it reaches the threshold too, so no number can be
  subtracted from another to recover a small group;
* the small topics are merged into one "other" group only if that merged
  group itself reaches the threshold, else they are dropped;
* the total is the sum of what is shown, never the real total.
"""
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from dialogplatform.plugin_api import protection

# The core's floor for protected formats; an organiser may only raise it.
MIN_THRESHOLD = protection.MIN_COUNT


def effective_threshold(value) -> int:
    """The threshold in force: the organiser may raise it, never lower it below 5."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return MIN_THRESHOLD
    return max(MIN_THRESHOLD, number)


@dataclass(frozen=True)
class Suppressed:
    """What may be shown: ``groups`` as ``[(key, count)]``, largest first,
    and ``other``, the merged small groups (0 when they were dropped)."""

    threshold: int
    groups: list[tuple[Hashable, int]] = field(default_factory=list)
    other: int = 0

    @property
    def total(self) -> int:
        """The sum of the shown groups only (never the real number)."""
        return sum(count for _key, count in self.groups) + self.other

    @property
    def keys(self) -> set:
        return {key for key, _count in self.groups}


def suppress(counts: Mapping[Hashable, int], threshold) -> Suppressed:
    """Keep the groups of ``counts`` with at least ``threshold`` members."""
    floor = effective_threshold(threshold)
    shown = sorted(((key, count) for key, count in counts.items() if count >= floor),
                   key=lambda item: (-item[1], str(item[0])))
    small = sum(count for count in counts.values() if 0 < count < floor)
    return Suppressed(threshold=floor, groups=shown, other=small if small >= floor else 0)


def suppress_by_topic(counts: Mapping[tuple[Hashable, str], int], threshold) -> Suppressed:
    """``counts`` per (topic, kind). Topics that reach the threshold are
    shown, by kind when every kind given for the topic reaches it too, else
    as a whole with the kind ``""``."""
    totals = Counter()
    for (topic, _kind), count in counts.items():
        totals[topic] += count
    by_topic = suppress(totals, threshold)
    groups = []
    for topic, total in by_topic.groups:
        kinds = [(key, count) for key, count in counts.items() if key[0] == topic and count > 0]
        if all(count >= by_topic.threshold for _key, count in kinds):
            groups += sorted(kinds, key=lambda item: (-item[1], str(item[0])))
        else:
            groups.append(((topic, ""), total))
    return Suppressed(threshold=by_topic.threshold, groups=groups, other=by_topic.other)
