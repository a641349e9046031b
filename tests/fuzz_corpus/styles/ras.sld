<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:sld="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml" version="1.0.0">
  <UserLayer>
    <sld:LayerFeatureConstraints><sld:FeatureTypeConstraint/></sld:LayerFeatureConstraints>
    <sld:UserStyle>
      <sld:Name>CLMS_CLCPLUS_RAS</sld:Name>
      <sld:FeatureTypeStyle>
        <sld:Rule>
          <sld:RasterSymbolizer>
            <sld:ChannelSelection><sld:GrayChannel><sld:SourceChannelName>1</sld:SourceChannelName></sld:GrayChannel></sld:ChannelSelection>
            <sld:ColorMap type="values">
            <sld:ColorMapEntry color="#FF0000" quantity="1" label="Sealed" opacity="1"/>
            <sld:ColorMapEntry color="#228B22" quantity="2" label="Woody needle leaved trees" opacity="1"/>
            <sld:ColorMapEntry color="#80FF00" quantity="3" label="Woody broadleaved deciduous trees" opacity="1"/>
            <sld:ColorMapEntry color="#00FF08" quantity="4" label="Woody broadleaved evergreen trees" opacity="1"/>
            <sld:ColorMapEntry color="#804000" quantity="5" label="Low-growing woody plants" opacity="1"/>
            <sld:ColorMapEntry color="#CCF24D" quantity="6" label="Permanent herbaceous" opacity="1"/>
            <sld:ColorMapEntry color="#FFFF80" quantity="7" label="Periodically herbaceous" opacity="1"/>
            <sld:ColorMapEntry color="#FF80FF" quantity="8" label="Lichens and mosses" opacity="1"/>
            <sld:ColorMapEntry color="#BFBFBF" quantity="9" label="Non and sparsely vegetated" opacity="1"/>
            <sld:ColorMapEntry color="#0080FF" quantity="10" label="Water" opacity="1"/>
            <sld:ColorMapEntry color="#00FFFF" quantity="11" label="Snow and ice" opacity="1"/>
            <sld:ColorMapEntry color="#BFDFFF" quantity="253" label="Coastal seawater buffer" opacity="1"/>
            <sld:ColorMapEntry color="#E6E6E6" quantity="254" label="Outside area" opacity="1"/>
            <sld:ColorMapEntry color="#000000" quantity="255" label="No data" opacity="1"/>
            </sld:ColorMap>
          </sld:RasterSymbolizer>
        </sld:Rule>
      </sld:FeatureTypeStyle>
    </sld:UserStyle>
  </UserLayer>
</StyledLayerDescriptor>
