"""Every workflow step tells the people it concerns: the answer to the kernel's `step_taken`.

A transition (or an arrival) names the relations it `tells` (`core.workflow`); the relation knows
its people and where they see the object. This module turns that into one inbox notice per
person (and the configured channels after commit), titled with the object and the step's word
("承诺“每月走访……”：已退回修改"), with the note as the message. Nobody hears of their own step.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from renda.notifications.services import notify_many


def tell(sender, *, workflow, transition, obj, actor, note, objs=None, **kwargs) -> None:
    told = workflow.people_told(transition, objs or [obj], actor)
    if not told:
        return
    # A notice is stored and read later by others: in the system's language, not in the one the
    # actor's browser asked for.
    with translation.override(settings.LANGUAGE_CODE):
        _send(workflow, transition, told, note)


def _send(workflow, transition, told, note) -> None:
    model = workflow.model._meta.verbose_name
    body = _("Note: %(note)s") % {"note": note} if note else ""
    titles: dict[int, str] = {}
    messages = []
    for target, link, user in told:
        if target.pk not in titles:
            titles[target.pk] = _("%(model)s “%(object)s”: %(step)s") % {
                "model": model,
                "object": str(target),
                "step": transition.done,
            }
        messages.append((user, titles[target.pk], body, link))
    notify_many(kind=f"{workflow.name}.{transition.name}", messages=messages)
