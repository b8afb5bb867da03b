"""The start page's tiles (BEY-10): above HOME-2's four boxes, the work waiting at the user's
current service location, each a count, a small server-rendered bar chart and a link to the
search that shows exactly those rows. sesam may not import the apps above it, so they register
their tiles here when they are ready (`<app>/apps.py`), as they register Mina sidor's tabs.

A provider is `(location) -> Tile | None` (None: the tile does not apply to this unit, e.g.
no own store). It reads at most one query and depends on the location only — never on the
user —, because the tiles are cached per location and language for `CACHE_SECONDS`
(docs/decisions.md HOME-D480)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language

CACHE_SECONDS = 60
CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 120, 40, 6


@dataclass(frozen=True)
class Bar:
    """One bar of a tile's chart: its label, count and tone ("" calm, "warn" needs a look)."""

    label: str
    count: int
    tone: str = ""


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    count: int
    url: str
    bars: tuple[Bar, ...]
    order: int = 100

    @property
    def chart(self) -> list[dict]:
        """The bars as SVG rectangles (x, y, width, height in the viewBox) — drawn with
        attributes, never inline styles (the CSP forbids them). An empty bar is a 1-unit line
        so that the axis reads as zero rather than missing."""
        if not self.bars:
            return []
        width = (CHART_WIDTH - BAR_GAP * (len(self.bars) - 1)) / len(self.bars)
        highest = max(bar.count for bar in self.bars) or 1
        rects = []
        for index, bar in enumerate(self.bars):
            height = max(round(bar.count / highest * CHART_HEIGHT, 1), 1)
            rects.append(
                {
                    "x": round(index * (width + BAR_GAP), 1),
                    "y": round(CHART_HEIGHT - height, 1),
                    "width": round(width, 1),
                    "height": height,
                    "tone": bar.tone,
                }
            )
        return rects


TileProvider = Callable[..., Tile | None]
START_TILES: list[TileProvider] = []


def register_tile(provider: TileProvider) -> None:
    if provider not in START_TILES:
        START_TILES.append(provider)


def cache_key(location_id: int) -> str:
    return f"sesam:start-tiles:{location_id}:{get_language()}"


def start_tiles(location) -> list[Tile]:
    """The tiles of a service location (none without one), from the cache when fresh."""
    if location is None:
        return []
    key = cache_key(location.pk)
    tiles = cache.get(key)
    if tiles is None:
        tiles = [tile for provider in START_TILES if (tile := provider(location)) is not None]
        tiles.sort(key=lambda tile: tile.order)
        cache.set(key, tiles, CACHE_SECONDS)
    return tiles
