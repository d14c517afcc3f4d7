// Headers on every HTTP response: what the pages may load and talk to, no framing, no Referer leaving the engine.

/**
 * Content-Security-Policy for the console and wall pages. Scripts only from the engine ('wasm-unsafe-eval' for the
 * AI's WebAssembly backend; no eval); connections only back to the engine ('self' covers ws:/wss: to the same host)
 * and to the page's own blob:/data: URLs;
 * images and models from the engine, data: and blob: (glTF embeds textures as blobs); inline styles (React sets
 * them); frame-ancestors 'none': no other site can frame the console to click through it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // blob: and data: are the page's own: GLTFLoader fetches a model's embedded textures through them.
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['content-security-policy', CONTENT_SECURITY_POLICY],
  // A join link's token must not leave in a Referer, even if a page links out.
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['x-content-type-options', 'nosniff'],
  ['cross-origin-opener-policy', 'same-origin'],
];
