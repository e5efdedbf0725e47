"""Exit warnings' part of the shared world: 荣昌区's rule on the grade and an open warning about
王芳."""

from renda.exit_warnings import services
from renda.exit_warnings.models import ExitWarning


def build(w) -> None:
    w.exit_rule = services.exit_rule_set(actor="test", congress=w.congress, kind="grade")
    w.warning = ExitWarning.objects.create(
        congress=w.congress, mandate=w.wang_seat, year=2024, kind="grade", reason="连续两年基本称职"
    )
