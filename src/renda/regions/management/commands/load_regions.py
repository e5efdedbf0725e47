"""`renda load_regions`: load Chongqing's statistical division codes; safe to run again."""

from django.core.management.base import BaseCommand

from renda.regions.services import division_rows, regions_load


class Command(BaseCommand):
    help = (
        "Load the vendored statistical division codes (Chongqing, with Rongchang's villages): "
        "creates missing regions and renames changed ones, so it can run again at any time."
    )

    def handle(self, *args, **options):
        result = regions_load(actor="load_regions", rows=division_rows())
        self.stdout.write(f"Regions: {result['created']} created, {result['renamed']} renamed.")
