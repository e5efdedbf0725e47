"""A deterministic demo district modelled on 荣昌区, Chongqing, for `renda demo`.

At scale 1 it holds the municipal and the district congress, a congress for each of Rongchang's
15 towns (its 6 streets have a 人大工委 instead), each with its current and previous term and
their sessions; about 1,200 people holding 15 municipal, 280 district and 950 town seats, some
two or three at once as 市区镇三级代表 do, with the previous terms' rosters, resignations,
transfers and by-elections; a deputy group per town and street plus liaison and specialist
groups; stations of every kind with reception rules and mixed-level rosters (混编); the
district's handling units; one user of every role (two handling units have one). The later
steps add commitments (`commitments`), the register and evaluations (`activities`), and the
district congress's motions and suggestions with their handling (`suggestions`).

Two stages. `plan.plan()` draws everything from the seed into unsaved model instances: a function
of (seed, scale, regions) alone, so two builds agree name for name and tests can check it without
writing (`catalogue` holds the district's fixed data, `deputies` the drawing of people and
seats). `build()` here loads the division codes, writes the plan with bulk inserts in one
transaction and audits every row with `record_many` (a service call per object would take
minutes for ~10,000 rows), then creates the users through the account services.

Dates are fixed rather than read from the clock for the same reason: the demo's present is
late November 2026, inside the current terms.
"""

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Max, Min
from tqdm import tqdm

from renda.accounts import services as account_services
from renda.accounts.models import User
from renda.congresses.models import Congress
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import Conflict
from renda.demo import activities as demo_activities
from renda.demo import commitments as demo_commitments
from renda.demo import suggestions as demo_suggestions
from renda.demo.plan import DEFAULT_SEED, AccountSpec, Plan, demo_regions, plan
from renda.people.models import Person
from renda.regions.services import division_rows, regions_load
from renda.stations.models import Station

ACTOR = "demo"
AUDIT_NOTE = "演示数据"  # stored in the history, read by the office: in Chinese

NOT_EMPTY = (
    "The database already holds congresses, people or stations; the demo needs an empty one."
)
USERNAMES_TAKEN = "These usernames are taken already: %s"

# The keyword of `role_grant` that binds each role to its target.
ROLE_TARGET = {
    Role.STAFF: "region",
    Role.LIAISON: "station",
    Role.DEPUTY: "person",
    Role.UNIT: "handling_unit",
}


def has_data() -> bool:
    """Whether the database already holds what the demo would create (regions aside)."""
    return any(m.objects.exists() for m in (Congress, Person, Station))


@dataclass
class DemoResult:
    """What `build` wrote, and the logins it made (as written to the accounts file)."""

    plan: Plan
    accounts: list[dict]

    @property
    def summary(self) -> dict:
        return self.plan.summary()


def contents() -> dict:
    """What the later steps wrote, counted from the database for the command's report."""
    from renda.activities.choices import ActivityStatus
    from renda.activities.models import Activity
    from renda.assessment.models import Evaluation
    from renda.commitments.models import Commitment
    from renda.suggestions.models import Suggestion

    years = Commitment.objects.aggregate(
        first=Min("commitment_year__year"), last=Max("commitment_year__year")
    )
    final = Evaluation.objects.exclude(finalized_at=None).values_list("year", flat=True)
    received = Suggestion.objects.exclude(submitted_at=None).exclude(status="withdrawn")
    return {
        "suggestions": received.count(),
        "disclosed": Suggestion.objects.public().count(),
        "commitments": Commitment.objects.count(),
        "commitment_years": (years["first"], years["last"]),
        "activities": Activity.objects.filter(status=ActivityStatus.VERIFIED).count(),
        "waiting": Activity.objects.filter(status=ActivityStatus.SUBMITTED).count(),
        "final_years": sorted(set(final)),
    }


def build(*, seed: int = DEFAULT_SEED, scale: float = 1.0, progress: bool = False) -> DemoResult:
    """Load the division codes and write the demo district, all in one transaction.

    Refuses (Conflict) when congresses, people or stations exist already, or a demo username is
    taken: the demo's fixed names would collide with them."""
    if has_data():
        raise Conflict(NOT_EMPTY)
    steps = (
        3
        + len(Plan().tables())
        + len(demo_commitments.STEPS)
        + len(demo_activities.STEPS)
        + len(demo_suggestions.STEPS)
    )
    bar = tqdm(
        total=steps,
        desc="Demo",
        unit="step",
        file=sys.stderr,
        disable=not progress,
        bar_format="{desc:<26}{bar:30} {n_fmt}/{total_fmt} [{elapsed}]",
    )
    with bar, transaction.atomic():
        bar.set_description("Regions")
        regions_load(actor=ACTOR, rows=division_rows())
        bar.update()
        bar.set_description("Planning")
        the_plan = plan(seed=seed, scale=scale, regions=demo_regions())
        usernames = [spec.username for spec in the_plan.accounts]
        taken = User.objects.filter(username__in=usernames).values_list("username", flat=True)
        if taken:
            raise Conflict(USERNAMES_TAKEN % ", ".join(sorted(taken)))
        bar.update()
        for label, model, objs in the_plan.tables():
            bar.set_description(label)
            model.objects.bulk_create(objs, batch_size=500)
            audit.record_many(actor=ACTOR, action=AuditAction.IMPORT, objs=objs, note=AUDIT_NOTE)
            bar.update()
        for label in demo_commitments.build(plan=the_plan, seed=seed, scale=scale):
            bar.set_description(label)
            bar.update()
        _analyze()
        bar.set_description("Users")
        accounts = [_create_account(spec) for spec in the_plan.accounts]
        bar.update()
        # After the users, so the demo deputy is told when their evaluations are final.
        for label in demo_activities.build(plan=the_plan, seed=seed, scale=scale):
            bar.set_description(label)
            bar.update()
        # After the users too: the unit logins' inboxes are filled through the services.
        for label in demo_suggestions.build(plan=the_plan, seed=seed, scale=scale):
            bar.set_description(label)
            bar.update()
        bar.set_description("Done")
    return DemoResult(the_plan, accounts)


def _analyze() -> None:
    """Give PostgreSQL's planner row counts for the tables just filled. Without them it plans
    the statistics queries over ~60,000 fresh commitments as nested loops that run for minutes
    (autovacuum cannot see rows of a transaction still open). SQLite plans without statistics."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _create_account(spec: AccountSpec) -> dict:
    user = account_services.user_create(
        actor=ACTOR, username=spec.username, password=spec.password, full_name=spec.full_name
    )
    if spec.role == Role.ADMIN:
        # The demo administrator may also open Django's admin site.
        base.update(
            actor=ACTOR,
            obj=user,
            data={"is_staff": True, "is_superuser": True},
            fields=["is_staff", "is_superuser"],
            note=AUDIT_NOTE,
        )
    target = {ROLE_TARGET[spec.role]: spec.target} if spec.role in ROLE_TARGET else {}
    account_services.role_grant(actor=ACTOR, user=user, role=spec.role, **target)
    return spec.as_dict()


def write_accounts(path: Path, accounts: list[dict]) -> None:
    """Save the demo logins as JSON, readable only by their owner: they hold passwords."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accounts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path.chmod(0o600)
