from django.shortcuts import render

from renda.core.exceptions import DomainError


class DomainErrorMiddleware:
    """A refusal that escapes an HTML view becomes a page with its message and status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(
                request, "core/refused.html", {"error": exception}, status=exception.status_code
            )
        return None
