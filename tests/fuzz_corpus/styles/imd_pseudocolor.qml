<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.34.0-Prizren" styleCategories="Symbology">
  <pipe>
    <rasterrenderer type="singlebandpseudocolor" band="1" opacity="1" classificationMin="0" classificationMax="100">
      <rastershader>
        <colorrampshader colorRampType="INTERPOLATED" classificationMode="1" clip="0" minimumValue="0" maximumValue="100">
            <item value="0" color="#f0f0f0" alpha="255" label="0 %"/>
            <item value="1" color="#ffe6e6" alpha="255" label="1 %"/>
            <item value="50" color="#ff6464" alpha="255" label="50 %"/>
            <item value="100" color="#960000" alpha="255" label="100 %"/>
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
  </pipe>
</qgis>
