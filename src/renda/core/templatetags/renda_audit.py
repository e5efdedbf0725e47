"""Show an audit entry's changes in words: field labels and choice labels, not column names."""

from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


@register.filter
def readable_changes(entry) -> list[tuple[str, object, object]]:
    """[(field label, before, after)] for an AuditEntry, in the active language."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in entry.changes.items():
        before, after = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
        label = name
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is not None:
                label = field.verbose_name
                choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
                before, after = choices.get(before, before), choices.get(after, after)
        rows.append((label, before, after))
    return rows


@register.filter
def action_label(entry) -> str:
    """What the entry did: the workflow step's word ("已交办", "已批准") when it took one,
    else the kind of change ("已修改")."""
    if entry.step:
        from renda.core import workflow

        model = entry.content_type.model_class()
        wf = workflow.for_model(model) if model is not None else None
        transition = wf.transitions.get(entry.step) if wf else None
        if transition is not None:
            return transition.done
    return entry.get_action_display()
