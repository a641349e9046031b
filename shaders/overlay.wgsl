// Vector overlays: polygon outlines (line strips) and fills (triangles) in one colour per draw. Positions are map
// coordinates relative to the overlay's origin; `transform` takes them to clip space (x * sx + tx, y * sy + ty).

struct Draw {
    transform: vec4<f32>,
    // Premultiplied RGBA.
    colour: vec4<f32>,
};

@group(0) @binding(0) var<uniform> draw: Draw;

@vertex
fn vs_main(@location(0) position: vec2<f32>) -> @builtin(position) vec4<f32> {
    let t = draw.transform;
    return vec4<f32>(position.x * t.x + t.z, position.y * t.y + t.w, 0.0, 1.0);
}

@fragment
fn fs_main() -> @location(0) vec4<f32> {
    return draw.colour;
}
