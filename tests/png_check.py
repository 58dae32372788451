#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank, using only the standard library.

usage: png_check.py FILE [--min-fraction F] [--crop X Y W H OUT]
Prints the size and the fraction of pixels that are not (near) white; exits 1
when that fraction is below F (default 0.02), 2 when FILE is not a PNG this
script can read (8-bit RGB or RGBA, non-interlaced: what Chromium writes).
With --crop, also writes the given rectangle to OUT (to look at a part).
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {color}, interlace {interlace})")
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def write_png(path, width, height, bpp, rows):
    raw = b"".join(b"\x00" + r for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    color = 2 if bpp == 3 else 6
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    min_fraction = 0.02
    crop = None
    args = argv[2:]
    while args:
        if args[0] == "--min-fraction":
            min_fraction, args = float(args[1]), args[2:]
        elif args[0] == "--crop":
            crop, args = (int(args[1]), int(args[2]), int(args[3]), int(args[4]), args[5]), args[6:]
        else:
            print(f"png_check: unknown argument {args[0]}", file=sys.stderr)
            return 2
    try:
        width, height, bpp, rows = read_png(argv[1])
    except (OSError, ValueError, zlib.error) as e:
        print(f"png_check: {argv[1]}: {e}", file=sys.stderr)
        return 2
    inked = 0
    for r in rows:
        for x in range(0, len(r), bpp * 2):  # every other pixel is plenty
            if r[x] < 235 or r[x + 1] < 235 or r[x + 2] < 235:
                inked += 1
    fraction = inked / max(1, (width * height + 1) // 2)
    print(f"{argv[1]}: {width}x{height}, {fraction:.3f} of pixels not white")
    if crop:
        x0, y0, w, h, out = crop
        part = [r[x0 * bpp:(x0 + w) * bpp] for r in rows[y0:y0 + h]]
        write_png(out, w, len(part), bpp, part)
    return 0 if fraction >= min_fraction else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
