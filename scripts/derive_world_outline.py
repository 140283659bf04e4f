#!/usr/bin/env python3
"""Derives web/world.json, the country outlines of depeche's web page, from Natural Earth's
1:110m countries (public domain) as the npm package world-atlas 2.0.2 ships them (TopoJSON,
ISC licence):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/derive_world_outline.py package/countries-110m.json > web/world.json

Each country becomes one SVG path in an equirectangular projection: x = longitude + 180,
y = 90 - latitude (so the map is 360 x 180 units), coordinates rounded to 0.1 degree and
consecutive duplicate points dropped; rings that cross the antimeridian are unwrapped (their
far side falls outside the 0..360 box and is clipped). The page draws the paths as they are (no projection
code in the browser) and places event points with the same formula.
"""

import json
import sys


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def path(rings):
    out = []
    for points in rings:
        last = None
        cmds = []
        prev = None
        for lon, lat in points:
            # Rings that cross the antimeridian (Russia, Fiji) stay continuous: a jump of more
            # than 180 degrees is unwrapped, and the map's viewBox clips what lies beyond.
            if prev is not None:
                while lon - prev > 180:
                    lon -= 360
                while lon - prev < -180:
                    lon += 360
            prev = lon
            p = (round(lon + 180, 1), round(90 - lat, 1))
            if p == last:
                continue
            cmds.append(("M" if not cmds else "L") + f"{p[0]:g} {p[1]:g}")
            last = p
        if len(cmds) >= 3:
            out.append("".join(cmds) + "Z")
    return "".join(out)


def main():
    topology = json.load(open(sys.argv[1], encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for g in topology["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polygons = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polygons = g["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        d = path(rings)
        if d:
            countries.append({"id": g.get("id"), "name": g["properties"].get("name"), "d": d})
    countries.sort(key=lambda c: (c["name"] or "", c["id"] or ""))
    json.dump(
        {
            "source": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2 "
            "(ISC); derived by scripts/derive_world_outline.py",
            "projection": "equirectangular: x = lon + 180, y = 90 - lat",
            "countries": countries,
        },
        sys.stdout,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
