/**
 * Reads the pixel size from a PNG or JPEG header, so the fake can refuse rich-menu images LINE would
 * refuse ("The image size is not allowed for richmenu"). Bytes that are not a recognisable PNG/JPEG give
 * undefined and are let through, so tests may upload placeholder bytes.
 */

/** Width and height in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image's size, or undefined when the header cannot be read. */
export function readImageSize(data: Buffer): ImageSize | undefined {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE) && data.toString('latin1', 12, 16) === 'IHDR') {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return readJpegSize(data);
  return undefined;
}

/** Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15 except DHT, JPG, DAC). */
function readJpegSize(data: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1] ?? 0;
    const length = data.readUInt16BE(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  return undefined;
}

/** LINE's rich-menu image rule (REF#upload-rich-menu-image): 800–2500 wide, ≥ 250 high, width/height ≥ 1.45. */
export function isAllowedRichMenuImage(size: ImageSize): boolean {
  return size.width >= 800 && size.width <= 2500 && size.height >= 250 && size.width / size.height >= 1.45;
}
