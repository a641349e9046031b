"""QGIS's side of benches/first_frame.rs: a raster drawn as QGIS draws it for a user (its colour table, nearest
resampling, the file's overviews) into a square PNG, headless. Process start to PNG, like the other commands there.

Usage: python3 benches/qgis_render.py RASTER OUT.png SIZE   (needs Debian's qgis and python3-qgis)
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def main():
    path, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsRasterLayer(path, "raster")
    if not layer.isValid():
        sys.exit(f"{path}: QGIS cannot open it")
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    if not job.renderedImage().save(out, "png"):
        sys.exit(f"{out}: cannot write")
    # QGIS 3.22's exitQgis() crashes at interpreter exit in a headless script; the PNG is written, so leave at once.
    sys.stdout.flush()
    os._exit(0)


main()
