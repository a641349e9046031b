<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.4-Firenze" styleCategories="Symbology" hasScaleBasedVisibilityFlag="0">
  <pipe-data-defined-properties>
    <Option type="Map"><Option type="QString" name="name" value=""/></Option>
  </pipe-data-defined-properties>
  <pipe>
    <provider><resampling enabled="false" maxOversampling="2" zoomedInResamplingMethod="nearestNeighbour"/></provider>
    <rasterrenderer type="paletted" band="1" opacity="1" nodataColor="" alphaBand="-1">
      <rasterTransparency/>
      <minMaxOrigin><limits>None</limits><extent>WholeRaster</extent></minMaxOrigin>
      <colorPalette>
          <paletteEntry value="1" color="#ff0000" alpha="255" label="Sealed"/>
          <paletteEntry value="2" color="#228b22" alpha="255" label="Woody needle leaved trees"/>
          <paletteEntry value="3" color="#80ff00" alpha="255" label="Woody broadleaved deciduous trees"/>
          <paletteEntry value="4" color="#00ff08" alpha="255" label="Woody broadleaved evergreen trees"/>
          <paletteEntry value="5" color="#804000" alpha="255" label="Low-growing woody plants"/>
          <paletteEntry value="6" color="#ccf24d" alpha="255" label="Permanent herbaceous"/>
          <paletteEntry value="7" color="#ffff80" alpha="255" label="Periodically herbaceous"/>
          <paletteEntry value="8" color="#ff80ff" alpha="255" label="Lichens and mosses"/>
          <paletteEntry value="9" color="#bfbfbf" alpha="255" label="Non and sparsely vegetated"/>
          <paletteEntry value="10" color="#0080ff" alpha="255" label="Water"/>
          <paletteEntry value="11" color="#00ffff" alpha="255" label="Snow and ice"/>
          <paletteEntry value="253" color="#bfdfff" alpha="255" label="Coastal seawater buffer"/>
          <paletteEntry value="254" color="#e6e6e6" alpha="255" label="Outside area"/>
          <paletteEntry value="255" color="#000000" alpha="255" label="No data"/>
      </colorPalette>
      <colorramp type="randomcolors" name="[source]"><Option/></colorramp>
    </rasterrenderer>
    <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
