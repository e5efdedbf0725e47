"""`renda i18n_check`: is the zh-Hans catalogue complete, and is django.mo its compiled form?

The Chinese UI is the product, so a msgid nobody translated is a bug that shows as English on a
government page. This command re-extracts every msgid from the source (makemessages, on a scratch
copy of the tree so the committed catalogue is never touched), merges it with the committed
django.po the way `make messages` would, and fails listing each msgid that is missing from the
committed catalogue, untranslated, fuzzy, or whose translation breaks its placeholders. It also
fails when the committed django.mo is not what django.po compiles to (compared as parsed
catalogues, since msgfmt and polib lay out the binary differently).

`--update` is what `make messages` runs: it writes the refreshed catalogue over django.po
(--no-obsolete), compiles django.mo with polib, and reports what is left to translate.

Strings in tests/, migrations/ and static/ are not UI text and are not extracted.
"""

import os
import re
import shutil
import string
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

LANGUAGE = "zh_Hans"
DOMAIN = "django"
# What makemessages reads for the "django" domain; JavaScript would be the "djangojs" domain.
EXTENSIONS = {".py", ".html", ".txt"}
NOT_UI_DIRS = {"__pycache__", "locale", "migrations", "static", "tests", "node_modules"}
NOT_UI_FILES = {"conftest.py"}
GETTEXT_TOOLS = ("xgettext", "msgmerge", "msguniq", "msgattrib")
SHOWN_PER_KIND = 200

# A printf-style conversion as Python's % operator reads it.
PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?"  # mapping key
    r"[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"  # flags, width, precision, length
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)


class Command(BaseCommand):
    help = (
        "Check that every msgid has a zh-Hans translation (not fuzzy) in the committed django.po "
        "and that django.mo is its compiled form. --update refreshes both instead."
    )
    # Runs while apps are being built; the system checks have nothing to say about catalogues.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Write the re-extracted catalogue over django.po (dropping obsolete entries), "
            "compile django.mo, and list what is left to translate without failing.",
        )

    def handle(self, *args, update=False, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        po_path = locale_dir / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo_path = po_path.with_suffix(".mo")
        _require_gettext()

        if not po_path.exists() and not update:
            raise CommandError(
                f"The zh-Hans catalogue {_shown(po_path)} does not exist. Run `make messages` to "
                "create it from the source, translate every entry, then `make messages` again."
            )

        with tempfile.TemporaryDirectory(prefix="renda-i18n-") as scratch:
            fresh_path = extract(
                source_root=locale_dir.parent, committed_po=po_path, scratch=Path(scratch)
            )
            fresh = polib.pofile(str(fresh_path), wrapwidth=0)
            if update:
                created = not po_path.exists()
                po_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(fresh_path, po_path)
                if created:
                    _fill_new_header(po_path)
                compile_mo(po_path, mo_path)
                self.stdout.write(f"Wrote {_shown(po_path)} and compiled {_shown(mo_path)}.")

        committed = polib.pofile(str(po_path))
        problems = review(committed=committed, fresh=fresh)
        stale = [e for e in committed if not e.obsolete and _key(e) not in _keys(fresh)]
        mo_problem = None if update else compare_mo(committed, mo_path)

        for entry in stale:
            self.stderr.write(
                f"note: no longer in the source (run `make messages` to drop it): {_label(entry)}"
            )
        report = _report(problems)
        if report:
            self.stderr.write(f"zh-Hans catalogue {_shown(po_path)}:\n{report}")
        if mo_problem:
            self.stderr.write(mo_problem)

        total = len([e for e in fresh if not e.obsolete])
        if update:
            left = sum(len(v) for v in problems.values())
            self.stdout.write(f"{total - left} of {total} msgids translated.")
            return
        if report or mo_problem:
            raise CommandError(
                "The zh-Hans catalogue is not complete. Run `make messages`, translate the entries "
                f"listed above in {_shown(po_path)} (and clear their fuzzy flags), then run "
                "`make messages` again to compile django.mo."
            )
        self.stdout.write(f"zh-Hans catalogue complete: {total} msgids, django.mo up to date.")


# --- Extraction --------------------------------------------------------------------------------


def extract(*, source_root: Path, committed_po: Path, scratch: Path) -> Path:
    """Run makemessages on a copy of `source_root`, merged with the committed catalogue.

    Returns the path of the resulting django.po inside `scratch`."""
    tree = scratch / source_root.name
    shutil.copytree(source_root, tree, ignore=_not_translatable)
    target = tree / "locale" / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
    target.parent.mkdir(parents=True)
    if committed_po.exists():
        shutil.copyfile(committed_po, target)

    # makemessages reads the current directory and writes to LOCALE_PATHS; point both at the copy.
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        with override_settings(LOCALE_PATHS=[str(tree / "locale")]):
            call_command(
                "makemessages", locale=[LANGUAGE], domain=DOMAIN, no_obsolete=True, verbosity=0
            )
    finally:
        os.chdir(cwd)
    return target


def _not_translatable(directory: str, names: list[str]) -> set[str]:
    ignored = set()
    for name in names:
        path = Path(directory, name)
        if path.is_dir():
            if name in NOT_UI_DIRS or name.startswith("."):
                ignored.add(name)
        elif path.suffix not in EXTENSIONS or name in NOT_UI_FILES:
            ignored.add(name)
    return ignored


def _require_gettext() -> None:
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        raise CommandError(
            f"GNU gettext is needed to extract messages ({', '.join(missing)} not found). "
            "Install it: apt-get install gettext"
        )


def _fill_new_header(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    po.metadata_is_fuzzy = False
    po.header = "Simplified Chinese catalogue of renda. Run `make messages` after editing."
    po.metadata["Project-Id-Version"] = "renda"
    po.metadata["Language"] = LANGUAGE
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()


def compile_mo(po_path: Path, mo_path: Path) -> None:
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


# --- Review ------------------------------------------------------------------------------------


def review(*, committed: polib.POFile, fresh: polib.POFile) -> dict[str, list[polib.POEntry]]:
    """Each msgid of the source that the committed catalogue does not translate, by reason."""
    by_key = {_key(e): e for e in committed if not e.obsolete}
    problems = {"missing": [], "untranslated": [], "fuzzy": [], "placeholders": []}
    for entry in fresh:
        if entry.obsolete:
            continue
        mine = by_key.get(_key(entry))
        if mine is None:
            problems["missing"].append(entry)
        elif mine.fuzzy:
            problems["fuzzy"].append(entry)
        elif not mine.translated():
            problems["untranslated"].append(entry)
        elif not _placeholders_match(mine):
            problems["placeholders"].append(entry)
    return problems


def _placeholders_match(entry: polib.POEntry) -> bool:
    """A translation must use the placeholders of its msgid, or formatting fails at run time."""
    if "python-brace-format" in entry.flags:
        parse = _brace_placeholders
    elif "python-format" in entry.flags:
        parse = _percent_placeholders
    else:
        return True
    if not entry.msgid_plural:
        return parse(entry.msgstr) == parse(entry.msgid)
    # zh has one plural form; it must not ask for anything neither source form provides.
    (named, positional), (plural_named, plural_positional) = map(
        parse, (entry.msgid, entry.msgid_plural)
    )
    named, positional = named | plural_named, positional | plural_positional
    for form in entry.msgstr_plural.values():
        form_named, form_positional = parse(form)
        if not form_named <= named or len(form_positional) > len(positional):
            return False
    return True


def _percent_placeholders(text: str) -> tuple[frozenset, frozenset]:
    named, positional = set(), []
    for match in PERCENT_PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named.add(match["name"])
        else:
            positional.append((len(positional), match["type"]))
    return frozenset(named), frozenset(positional)


def _brace_placeholders(text: str) -> tuple[frozenset, frozenset]:
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError:
        return frozenset({"<malformed>"}), frozenset()
    named = {f for f in fields if f and not f.isdigit()}
    positional = {(i, f) for i, f in enumerate(fields) if not f or f.isdigit()}
    return frozenset(named), frozenset(positional)


def compare_mo(committed: polib.POFile, mo_path: Path) -> str | None:
    """Why `mo_path` is not the compiled form of `committed`, or None if it is."""
    if not mo_path.exists():
        return f"{_shown(mo_path)} does not exist: run `make messages` to compile it."
    try:
        mo = polib.mofile(str(mo_path))
    except (OSError, ValueError) as exc:
        return f"{_shown(mo_path)} cannot be read ({exc}): run `make messages` to compile it."
    expected = _catalogue(committed.translated_entries())
    actual = _catalogue(e for e in mo if e.msgid)
    differing = sorted(
        (k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k)),
        key=lambda k: (k[1], k[0] or ""),
    )
    plural_forms = committed.metadata.get("Plural-Forms") != mo.metadata.get("Plural-Forms")
    if not differing and not plural_forms:
        return None
    lines = [f"{_shown(mo_path)} is not the compiled form of django.po ({len(differing)} differ):"]
    lines += [f"  {_label_key(k)}" for k in differing[:20]]
    if len(differing) > 20:
        lines.append(f"  ... and {len(differing) - 20} more")
    if plural_forms:
        lines.append("  the Plural-Forms headers differ")
    lines.append("Run `make messages` to compile it.")
    return "\n".join(lines)


def _catalogue(entries) -> dict[tuple, tuple]:
    return {
        _key(e): (
            tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
            if e.msgid_plural
            else (e.msgstr,)
        )
        for e in entries
    }


# --- Output ------------------------------------------------------------------------------------

HEADINGS = {
    "missing": "missing from django.po",
    "untranslated": "untranslated",
    "fuzzy": "fuzzy (a guess by msgmerge or a translator; check it and remove the flag)",
    "placeholders": "translation does not use the same placeholders as the msgid",
}


def _report(problems: dict[str, list[polib.POEntry]]) -> str:
    lines = []
    for kind, entries in problems.items():
        if not entries:
            continue
        lines.append(f"  {HEADINGS[kind]} ({len(entries)}):")
        for entry in entries[:SHOWN_PER_KIND]:
            where = (
                f"  ({entry.occurrences[0][0]}:{entry.occurrences[0][1]})"
                if entry.occurrences
                else ""
            )
            lines.append(f"    {_label(entry)}{where}")
        if len(entries) > SHOWN_PER_KIND:
            lines.append(f"    ... and {len(entries) - SHOWN_PER_KIND} more")
    return "\n".join(lines)


def _key(entry) -> tuple:
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def _keys(po: polib.POFile) -> set[tuple]:
    return {_key(e) for e in po if not e.obsolete}


def _label(entry) -> str:
    return _label_key(_key(entry))


def _label_key(key: tuple) -> str:
    context, msgid, plural = key
    text = _quoted(msgid) + (f" / {_quoted(plural)}" if plural else "")
    return f"[{context}] {text}" if context else text


def _quoted(text: str) -> str:
    flat = text.replace("\n", "\\n")
    return '"' + (flat if len(flat) <= 100 else flat[:97] + "...") + '"'


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
