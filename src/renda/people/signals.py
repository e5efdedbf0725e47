"""What people's services tell the apps above them, inside the same transaction.

Apps that keep something per seat (station assignments) connect a receiver in their
`AppConfig.ready()`, so people never imports them; a receiver's refusal rolls the whole change
back. Receivers take keyword arguments and write their own audit rows.
"""

from django.dispatch import Signal

# Sent by `people.services.mandate_end` once the seat is ended: actor, mandate, end (a date).
mandate_ended = Signal()
