"""The buttons of a workflow step, from its declaration (`core.workflow`).

    {% load renda_workflow %}
    {% workflow_buttons object "reviewer" %}          {# the steps the reviewing staff may take #}
    {% workflow_buttons object "owner" layout="row" next=request.get_full_path %}

Each step the user may take now is a button; a step that asks for input (a reason, a result)
opens its form in place; a step the status allows but the app says cannot be taken yet shows
why instead.
"""

from django import template

from renda.core import workflow

register = template.Library()


@register.inclusion_tag("core/_workflow_buttons.html", takes_context=True)
def workflow_buttons(context, obj, relation=None, layout="stack", next=""):
    wf = workflow.for_model(type(obj))
    user = context["request"].user
    status = getattr(obj, wf.field)
    steps = []
    for t in wf.available(user, obj, relation):
        why_not = t.unavailable(obj) if t.unavailable else None
        steps.append(
            {
                "name": t.name,
                "label": t.label_from(status),
                "url": wf.url(t.name, obj),
                "style": t.style,
                "confirm": t.confirm,
                "why_not": why_not,
                "form": t.form(user=user, obj=obj) if t.asks_input and not why_not else None,
            }
        )
    return {"steps": steps, "layout": layout, "next": next, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def workflow_steps(context, obj, relation=None) -> set[str]:
    """The names of the steps the user may take on `obj` now, for a template's own layout."""
    wf = workflow.for_model(type(obj))
    return {t.name for t in wf.available(context["request"].user, obj, relation)}
