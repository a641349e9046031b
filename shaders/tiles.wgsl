// Draws raster tiles as integer textures through a per-layer colour lookup table.
//
// Class codes must never blend, so the data texture is an unfiltered integer texture read with textureLoad: the
// fragment takes the texel under its centre. Colour and visibility live in a 256-entry lookup table (a class toggle
// changes the table, not the texture). 16-bit layers first map their code to a table slot through a 256x256 remap
// texture (code = row * 256 + column). Colour imagery (RGBA bytes) is drawn in its own colours.

struct LayerUniform {
    // Size in pixels of the viewport the tile rectangles are given in.
    viewport: vec2<f32>,
    opacity: f32,
    // 0: the code is the table slot; 1: the remap gives the slot; 2: the texel is an RGBA colour.
    mode: u32,
    // The spy glass: nothing is drawn outside the circle centre xy, radius z (viewport pixels); z < 0: no circle.
    clip_circle: vec4<f32>,
};

@group(0) @binding(0) var<uniform> layer: LayerUniform;
@group(0) @binding(1) var lut: texture_2d<f32>;
@group(0) @binding(2) var remap: texture_2d<u32>;
@group(1) @binding(0) var data: texture_2d<u32>;

struct Instance {
    // Tile rectangle in viewport pixels: x0, y0, x1, y1 (y down).
    @location(0) dest: vec4<f32>,
    // The texel coordinates at those corners: u0, v0, u1, v1.
    @location(1) texels: vec4<f32>,
};

struct VertexOut {
    @builtin(position) position: vec4<f32>,
    @location(0) texel: vec2<f32>,
    @location(1) pixel: vec2<f32>,
};

@vertex
fn vs_main(@builtin(vertex_index) vertex: u32, tile: Instance) -> VertexOut {
    var corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0), vec2<f32>(1.0, 0.0), vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0), vec2<f32>(1.0, 0.0), vec2<f32>(1.0, 1.0),
    );
    let corner = corners[vertex];
    let p = mix(tile.dest.xy, tile.dest.zw, corner);
    var out: VertexOut;
    out.position = vec4<f32>(p.x / layer.viewport.x * 2.0 - 1.0, 1.0 - p.y / layer.viewport.y * 2.0, 0.0, 1.0);
    out.texel = mix(tile.texels.xy, tile.texels.zw, corner);
    out.pixel = p;
    return out;
}

@fragment
fn fs_main(in: VertexOut) -> @location(0) vec4<f32> {
    if (layer.clip_circle.z >= 0.0 && distance(in.pixel, layer.clip_circle.xy) > layer.clip_circle.z) {
        discard;
    }
    let size = vec2<i32>(textureDimensions(data));
    let t = clamp(vec2<i32>(floor(in.texel)), vec2<i32>(0, 0), size - vec2<i32>(1, 1));
    let texel = textureLoad(data, t, 0);
    var colour: vec4<f32>;
    if (layer.mode == 2u) {
        colour = vec4<f32>(texel) / 255.0;
    } else {
        let value = texel.r;
        var slot = value;
        if (layer.mode == 1u) {
            slot = textureLoad(remap, vec2<i32>(i32(value & 255u), i32(value >> 8u)), 0).r;
        }
        colour = textureLoad(lut, vec2<i32>(i32(min(slot, 255u)), 0), 0);
    }
    let alpha = colour.a * layer.opacity;
    if (alpha <= 0.0) {
        discard;
    }
    // Premultiplied alpha, as egui blends.
    return vec4<f32>(colour.rgb * alpha, alpha);
}
