<qgis><pipe><rasterrenderer type="paletted"><colorPalette>
<paletteEntry value="10" color="#0080ff" alpha="255" label="Water&#10;bodies"/>
<paletteEntry value="11" color="#00ccf2" alpha="200" label="Sea&#9;&amp;&#13;ocean"/>
</colorPalette></rasterrenderer></pipe></qgis>
