"""Small-group suppression: the ONE function every output goes through.

A women's dialogue must never let anyone single out a participant. So no
group smaller than the threshold is ever shown, anywhere (evaluation page,
CSV, reports, recommendations, the staff's list of texts):

* counts are suppressed once, at the finest grouping (topic and kind);
  everything coarser is summed from the groups that survived, so no
  number can be subtracted from another to recover a suppressed one;
* the suppressed groups are merged into one "other" group only if that
  merged group itself reaches the threshold, else they are dropped;
* the total is the sum of what is shown, never the real total.
"""
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

MIN_THRESHOLD = 5


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
