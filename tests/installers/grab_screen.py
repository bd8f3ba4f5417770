"""Saves the X screen as PNG and prints its size and how many colours a sample of it has."""

import sys

from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
image.save(sys.argv[1])
colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
print(image.width(), image.height(), len(colours))
