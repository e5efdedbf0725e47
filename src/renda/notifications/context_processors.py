from django.utils.functional import SimpleLazyObject


def inbox(request):
    """The unread count for the inbox link in the header; counted only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    from renda.notifications.selectors import unread_count

    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}
