"""The spreadsheet pages every register uses: the import page (upload → check, a dry run with
row-level errors → confirm), the template to download and the export. The checked file waits
under var/ until it is confirmed, so what is imported is exactly what was checked."""

import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from renda.core import xlsx
from renda.core.exceptions import DomainError
from renda.core.forms import StyledForm
from renda.core.views import RoleRequiredMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_EXPIRED = _("The checked file is no longer available; upload it again.")


class UploadForm(StyledForm):
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def xlsx_stream_response(write: Callable, filename: str) -> FileResponse:
    """A spreadsheet that `write(file)` writes (`xlsx.stream_table`) into a temporary file on
    disk, sent in chunks and the file dropped after: however long the register, neither the
    workbook nor the answer is held in memory."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        write(spool)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)


class XlsxTemplateView(RoleRequiredMixin, View):
    """The empty workbook of `table` that offices download and fill in."""

    table: xlsx.Table
    filename = ""

    def get(self, request):
        return xlsx_response(xlsx.build_workbook(self.table), self.filename)


class XlsxExportView(RoleRequiredMixin, View):
    """Subclasses set `filename` and implement `workbook()`: what the user keeps, in the
    template's layout, so that it imports back unchanged."""

    filename = ""

    def workbook(self) -> bytes:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def get(self, request):
        return xlsx_response(self.workbook(), self.filename)


class XlsxImportView(RoleRequiredMixin, View):
    """Subclasses set `title`, `importer` (an `xlsx.Importer`), `template_url_name` and
    `done_url_name`; `run` may give the importer more than the user."""

    template_name = "core/import.html"
    title = ""
    importer: type[xlsx.Importer]
    template_url_name = ""
    done_url_name = ""

    def run(self, *, file, dry_run: bool) -> xlsx.ImportResult:
        return self.importer(actor=self.request.user).run(file, dry_run=dry_run)

    def _pending_dir(self) -> Path:
        path = Path(settings.VAR_DIR) / "imports"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _render(self, request, form, result=None, token=None, status=200):
        return render(
            request,
            self.template_name,
            {
                "title": self.title,
                "form": form,
                "result": result,
                "token": token,
                "template_url": reverse(self.template_url_name),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, UploadForm(user=request.user))

    def post(self, request):
        if token := request.POST.get("confirm"):
            return self._confirm(request, token)
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            result = self.run(file=upload, dry_run=True)
        except DomainError as exc:
            form.add_error("file", str(exc.message))
            return self._render(request, form, status=400)
        token = None
        if not result.errors:
            token = uuid.uuid4().hex
            upload.seek(0)
            (self._pending_dir() / f"{request.user.pk}-{token}.xlsx").write_bytes(upload.read())
        return self._render(
            request,
            UploadForm(user=request.user),
            result=result,
            token=token,
            status=200 if not result.errors else 400,
        )

    def _confirm(self, request, token: str):
        path = self._pending_dir() / f"{request.user.pk}-{token}.xlsx"
        if not token.isalnum() or not path.exists():
            messages.error(request, UPLOAD_EXPIRED)
            return redirect(request.path)
        try:
            with path.open("rb") as fh:
                result = self.run(file=fh, dry_run=False)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(request.path)
        finally:
            path.unlink(missing_ok=True)
        if result.errors:
            return self._render(request, UploadForm(user=request.user), result=result, status=400)
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect(self.done_url_name)
