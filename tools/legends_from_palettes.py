#!/usr/bin/env python3
"""Regenerate assets/legends.json from ../shared/reference/palettes.json.

Keeps code, label, colour (and CORINE's CLC code and level labels), names the source of each legend once, and marks
the technical codes of DESIGN.md "Conventions": `technical` (not land cover, never in a share) and `transparent`
(outside area and no data, drawn with alpha 0 unless the file's own colour table says otherwise).
Usage: python3 tools/legends_from_palettes.py ../shared/reference/palettes.json > assets/legends.json
"""
import json
import sys

# (technical codes, of which transparent) per legend, from DESIGN.md "Conventions" and PRODUCTS.md section 6.
TECHNICAL = {
    "clcplus_ras": ({253, 254, 255}, {254, 255}),
    "clcplus_rascl": ({254}, {254}),
    "clcplus_rasdl": ({65535}, {65535}),
    "clcplus_raspl": ({254, 255}, {254, 255}),
    "imd": ({254, 255}, {255}),
    "cty": ({65535}, {65535}),
    "ctycl": ({253, 255}, {255}),
    "clc": ({48, 49, 50, 255}, {48, 49, 255}),
}

def main() -> None:
    palettes = json.load(open(sys.argv[1]))
    out = {}
    for name, entries in palettes.items():
        technical, transparent = TECHNICAL[name]
        sources = sorted({e["source"] for e in entries})
        rows = []
        for e in entries:
            row = {"code": e["code"], "label": e["label"], "rgb": e["rgb"]}
            for key in ("clc_code", "level1", "level2", "interpolate"):
                if key in e:
                    row[key] = e[key]
            if e["code"] in technical:
                row["technical"] = True
            if e["code"] in transparent:
                row["transparent"] = True
            rows.append(row)
        out[name] = {"sources": sources, "entries": rows}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")

main()
