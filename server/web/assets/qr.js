// A QR code as an SVG element, from the vendored encoder (vendor/qrcodegen.js, MIT). Drawn as
// DOM nodes: no inline style, no data URL, nothing the Content-Security-Policy would refuse.
import qrcodegen from './vendor/qrcodegen.js';

const SVG = 'http://www.w3.org/2000/svg';
const QUIET_ZONE = 4;  // modules of light margin, as ISO/IEC 18004 requires

/// The modules of `text` (UTF-8, byte mode as needed), error correction M or better.
export function qrModules(text) {
  const code = qrcodegen.QrCode.encodeText(text, qrcodegen.QrCode.Ecc.MEDIUM);
  const rows = [];
  for (let y = 0; y < code.size; y++) {
    const row = [];
    for (let x = 0; x < code.size; x++) row.push(code.getModule(x, y));
    rows.push(row);
  }
  return rows;
}

/// One path of unit squares for the dark modules, offset by the quiet zone.
export function qrPath(modules) {
  let d = '';
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x + QUIET_ZONE},${y + QUIET_ZONE}h1v1h-1z`;
    }),
  );
  return d;
}

export function qrSvg(text, label) {
  const modules = qrModules(text);
  const side = modules.length + 2 * QUIET_ZONE;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(side));
  background.setAttribute('height', String(side));
  background.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', qrPath(modules));
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  return svg;
}
