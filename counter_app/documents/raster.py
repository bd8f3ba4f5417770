"""PDF pages to 1-bit images at a printer's resolution (pypdfium2), for ESC/POS raster printing.

Thermal roll pages are exactly as wide as the print head (576 or 384 dots at 203 dpi), so at
203 dpi one PDF dot is one printer dot. A page wider than the head (an A4 sent to a roll
printer by mistake) is scaled down to fit, never cropped.
"""

from __future__ import annotations

from PIL import Image

THRESHOLD = 150     # grey levels darker than this print black: crisp bars, solid strokes


def rasterize(pdf: bytes, *, dpi: int = 203, width_dots: int | None = None) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            scale = dpi / 72.0
            if width_dots:
                w_pt = page.get_width()
                if w_pt * scale > width_dots + 2:
                    scale = width_dots / w_pt
            bitmap = page.render(scale=scale, grayscale=True)
            img = bitmap.to_pil().convert("L")
            page.close()
            images.append(_fit(_threshold(img), width_dots))
    finally:
        doc.close()
    return images


def _threshold(img: Image.Image) -> Image.Image:
    lut = [0 if v < THRESHOLD else 255 for v in range(256)]
    return img.point(lut, mode="1")


def _fit(img: Image.Image, width_dots: int | None) -> Image.Image:
    if not width_dots or img.width == width_dots:
        return img
    if img.width > width_dots:           # a dot or two of rounding: trim evenly
        left = (img.width - width_dots) // 2
        return img.crop((left, 0, left + width_dots, img.height))
    canvas = Image.new("1", (width_dots, img.height), 1)
    canvas.paste(img, ((width_dots - img.width) // 2, 0))
    return canvas
