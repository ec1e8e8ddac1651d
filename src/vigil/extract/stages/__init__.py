"""Built-in extraction stages; importing this package registers them all."""

from vigil.extract.lemma import stages as _lemma_stages  # noqa: F401  (other languages)
from vigil.extract.stages import (  # noqa: F401  (imported for registration)
    biography,
    clean,
    dates,
    entities,
    events,
    legal,
    names,
    places,
    resolution,
)
