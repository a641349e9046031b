#!/usr/bin/env python3
"""Class pixels per zone by tools no one here wrote, for tests/zonal.rs.

    zonal.py coverage RASTER ZONES FIELD   exactextract: per class, frac x count (coverage-weighted pixels)
    zonal.py centre   RASTER ZONES FIELD   GDAL's rasterizer: pixels whose centres fall inside each zone

Prints JSON {zone: {value: pixels}}, nodata left out. ZONES must be in the raster's CRS.
"""
import json
import sys

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()


def coverage(raster, zones, field):
    from exactextract import exact_extract

    out = {}
    for f in exact_extract(raster, zones, ["unique", "frac", "count"], include_cols=[field]):
        p = f["properties"]
        out[p[field]] = {str(int(u)): fr * p["count"] for u, fr in zip(p["unique"], p["frac"])}
    return out


def centre(raster, zones, field):
    src = gdal.Open(raster)
    band = src.GetRasterBand(1)
    values = band.ReadAsArray()
    nodata = band.GetNoDataValue()
    out = {}
    # The data sources are kept in variables: a layer outlives its data source only in C, not in these bindings.
    zones_ds = ogr.Open(zones)
    layer = zones_ds.GetLayer(0)
    for feature in layer:
        mem_vec = ogr.GetDriverByName("Memory").CreateDataSource("")
        one = mem_vec.CreateLayer("one", layer.GetSpatialRef(), ogr.wkbUnknown)
        f = ogr.Feature(one.GetLayerDefn())
        f.SetGeometry(feature.GetGeometryRef())
        one.CreateFeature(f)
        mask = gdal.GetDriverByName("MEM").Create("", src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Byte)
        mask.SetGeoTransform(src.GetGeoTransform())
        mask.SetProjection(src.GetProjection())
        gdal.RasterizeLayer(mask, [1], one, burn_values=[1])
        inside = mask.GetRasterBand(1).ReadAsArray() == 1
        vals, counts = np.unique(values[inside], return_counts=True)
        out[feature.GetField(field)] = {
            str(int(v)): float(c) for v, c in zip(vals, counts) if nodata is None or v != nodata
        }
    return out


if __name__ == "__main__":
    rule, raster, zones, field = sys.argv[1:5]
    print(json.dumps({"coverage": coverage, "centre": centre}[rule](raster, zones, field)))
