"""What assessment's services tell the apps above them, inside the same transaction.

Apps that act on an evaluation (exit warnings) connect a receiver in their `AppConfig.ready()`,
so assessment never imports them; a receiver's refusal rolls the whole change back.
"""

from django.dispatch import Signal

# Sent by `assessment.services.evaluation_finalize` once the year is final: evaluation.
evaluation_finalized = Signal()
