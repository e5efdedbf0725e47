"""A congress's rules for motions and suggestions, with the national defaults.

Each default and its source is in `docs/suggestions.md`: the co-signers of a motion (Organic Law
of the Local People's Congresses and Local People's Governments, art. 18 and 25: ten deputies
at county level and above, five at town level; a delegation at municipal level), the three
months to reply and the extension to six in all, the co-handling opinion within a month, the
re-handling within a month, ten working days to send back a wrongly assigned item.
"""

from dataclasses import dataclass

from renda.congresses.choices import CongressLevel


@dataclass(frozen=True)
class Rules:
    motion_cosigners: int
    delegation_motions: bool
    reply_months: int = 3
    max_months: int = 6
    opinion_months: int = 1
    rehandle_months: int = 1
    return_working_days: int = 10
    rehandle_limit: int = 1
    cosigners_rate: bool = False
    cosigners_register: bool = True
    rating_days: int = 30


def defaults(level: int) -> Rules:
    town = level == CongressLevel.TOWN
    return Rules(
        motion_cosigners=5 if town else 10,
        delegation_motions=level <= CongressLevel.CITY,
    )


def rules_for(congress) -> Rules:
    """The congress's own rules where it set them (`SuggestionRules`), else the defaults."""
    from renda.suggestions.models import SuggestionRules

    own = SuggestionRules.objects.filter(congress_id=congress.pk).first()
    return own.as_rules() if own else defaults(congress.level)
