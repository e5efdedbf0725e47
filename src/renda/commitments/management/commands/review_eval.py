"""Measure the review-assistance flags on the labelled set (data/review_examples.json)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from renda.commitments import similarity


class Command(BaseCommand):
    help = (
        "Run the job-duty and near-duplicate flags on the labelled examples and print "
        "precision, recall, F1 and the confusion counts, per split and overall."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--examples",
            type=Path,
            default=similarity.EXAMPLES_PATH,
            help="A labelled set in the format of data/review_examples.json.",
        )
        parser.add_argument(
            "--show-errors", action="store_true", help="List the examples the flags misjudge."
        )

    def handle(self, *args, examples: Path, show_errors: bool, **options):
        similarity.warm_up()
        data = similarity.load_examples(examples)
        self.stdout.write(
            f"job-duty threshold {similarity.JOB_DUTY_THRESHOLD}, "
            f"duplicate threshold {similarity.DUPLICATE_THRESHOLD}"
        )
        header = f"{'flag':<11}{'split':<13}{'n':>4}{'TP':>4}{'FP':>4}{'FN':>4}{'TN':>4}"
        header += f"{'precision':>11}{'recall':>8}{'F1':>7}"
        self.stdout.write(header)
        errors = []
        splits = sorted({r["split"] for r in data["job_duty"] + data["duplicates"]})
        for split in (*splits, None):
            results = similarity.evaluate(data, split)
            for flag, (s, wrong) in results.items():
                n = s.tp + s.fp + s.fn + s.tn
                self.stdout.write(
                    f"{flag:<11}{split or 'all':<13}{n:>4}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.tn:>4}"
                    f"{s.precision:>11.2f}{s.recall:>8.2f}{s.f1:>7.2f}"
                )
                if split is None:
                    errors += [(flag, row) for row in wrong]
        if show_errors and errors:
            self.stdout.write("\nmisjudged:")
            for flag, row in errors:
                if flag == "job_duty":
                    verdict = similarity.assess_job_duty(
                        row["text"], post=row["post"], work_unit=row["work_unit"]
                    )
                    self.stdout.write(
                        f"  {row['id']} [{row['split']}] labelled {row['job_duty']}, "
                        f"score {verdict.score}: {row['text']} — {verdict.matched}"
                    )
                else:
                    score = similarity.text_similarity(row["a"], row["b"])
                    self.stdout.write(
                        f"  {row['id']} [{row['split']}] labelled {row['duplicate']}, "
                        f"score {score}: {row['a']} | {row['b']}"
                    )
