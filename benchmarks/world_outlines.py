"""Build the map pane's country outlines from Natural Earth's 1:110m countries (public domain).

The app ships the result (``explorer/tui/world/countries.json``, ~200 KB) and never downloads
anything at run time; this script is how anyone can rebuild it from the source data:

    uv run --with pyshp python benchmarks/world_outlines.py --shapefile SHP

``SHP`` is Natural Earth's ``ne_110m_admin_0_countries.shp`` (naturalearthdata.com, "Admin 0 -
Countries", 1:110m), or the copy of it that geopandas 0.14 ships as
``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp`` (``pip download
geopandas==0.14.4 --no-deps`` and unzip the wheel). Coordinates are rounded to 0.01 degree
(about a kilometre, far below what 1:110m draws) and written as flat [lon, lat, ...] rings.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "explorer" / "tui" / "world" / "countries.json"


def rings(shape) -> list[list[float]]:  # noqa: ANN001 - a pyshp Shape
    """The shape's rings (outer and inner), each a flat list of rounded lon, lat pairs."""
    bounds = [*shape.parts, len(shape.points)]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        flat: list[float] = []
        last = None
        for lon, lat in shape.points[a:b]:
            p = (round(lon, 2), round(lat, 2))
            if p != last:  # rounding merges neighbours: keep one
                flat.extend(p)
                last = p
        if len(flat) >= 6:
            out.append(flat)
    return out


def main() -> None:
    import shapefile  # pyshp: only this script needs it

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shapefile", type=Path, required=True)
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args()
    reader = shapefile.Reader(str(args.shapefile))
    fields = [f[0] for f in reader.fields[1:]]
    name_field = next(f for f in ("NAME", "name", "ADMIN") if f in fields)
    iso_field = next(f for f in ("ISO_A3", "iso_a3", "ADM0_A3") if f in fields)
    countries = []
    for shape_record in reader.iterShapeRecords():
        rec = shape_record.record.as_dict()
        countries.append(
            {
                "name": rec[name_field],
                "iso_a3": rec[iso_field],
                "rings": rings(shape_record.shape),
            }
        )
    countries.sort(key=lambda c: c["name"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "source": "Natural Earth 1:110m Admin 0 - Countries (public domain), rounded to 0.01 deg",
        "countries": countries,
    }
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in countries for r in c["rings"])
    print(f"{len(countries)} countries, {points:,} points -> {args.out}")


if __name__ == "__main__":
    main()
