// GLSL: signed distance from a point on a wall section to the inner-frustum footprint quad; shared by the wall
// render node's composite and the console's stage view so both draw the footprint edge identically.

/** Defines `float footprintDistanceM(vec2 uv, vec2 footprint[4], vec2 sectionSizeM)`: metres, positive inside. */
export const FOOTPRINT_DISTANCE_GLSL = /* glsl */ `
// Signed distance (m) from p to the edge a→b, positive on the quad's inside.
float edgeDistance(vec2 p, vec2 a, vec2 b, float orientation) {
  vec2 e = b - a;
  vec2 n = orientation * vec2(-e.y, e.x);
  return dot(p - a, n) / max(length(e), 1e-6);
}

// footprint: camera image corners on the section in uv (BL BR TR TL); uv: the point, also in section uv.
float footprintDistanceM(vec2 uv, vec2 footprint[4], vec2 sectionSizeM) {
  vec2 p = uv * sectionSizeM;
  vec2 c0 = footprint[0] * sectionSizeM, c1 = footprint[1] * sectionSizeM;
  vec2 c2 = footprint[2] * sectionSizeM, c3 = footprint[3] * sectionSizeM;
  // Shoelace: which way round the corners go depends on how the camera faces the wall.
  float area = (c0.x * c1.y - c1.x * c0.y) + (c1.x * c2.y - c2.x * c1.y) + (c2.x * c3.y - c3.x * c2.y) + (c3.x * c0.y - c0.x * c3.y);
  float o = area >= 0.0 ? 1.0 : -1.0;
  return min(min(edgeDistance(p, c0, c1, o), edgeDistance(p, c1, c2, o)), min(edgeDistance(p, c2, c3, o), edgeDistance(p, c3, c0, o)));
}
`;
