"""Writes of patient safety, one module per thing: recalls (BEY-5), deviations (BEY-9),
register events (BEY-14). Keyword-only, with `by`, one transaction each."""

from safety.services.deviation import (  # noqa: F401
    add_deviation_attachment,
    comment_deviation,
    move_deviation,
    report_deviation,
)
from safety.services.recall import (  # noqa: F401
    close_recall,
    create_recall,
    notify_units,
    release_blocks,
)
from safety.services.register import (  # noqa: F401
    import_register_events,
    mark_proposal_done,
)
