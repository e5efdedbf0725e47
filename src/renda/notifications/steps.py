"""Every workflow step tells the people it concerns: the answer to the kernel's `step_taken`.

A transition (or an arrival) names the relations it `tells` (`core.workflow`); the relation knows
its people and where they see the object. This module turns that into one inbox notice per
person (and the configured channels after commit), titled with the object and the step's word
("承诺“每月走访……”：已退回修改"), with the note as the message. Nobody hears of their own step.
"""

from django.utils.translation import gettext as _

from renda.notifications.services import notify


def tell(sender, *, workflow, transition, obj, actor, note, source, **kwargs) -> None:
    told = workflow.people_told(transition, obj, actor)
    if not told:
        return
    title = _("%(model)s “%(object)s”: %(step)s") % {
        "model": workflow.model._meta.verbose_name,
        "object": str(obj),
        "step": transition.done,
    }
    body = _("Note: %(note)s") % {"note": note} if note else ""
    for link, recipients in told.items():
        notify(
            recipients=recipients,
            kind=f"{workflow.name}.{transition.name}",
            title=title,
            body=body,
            link=link,
        )
