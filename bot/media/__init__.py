"""Images drawn with Pillow: QR codes, printable posters and the mastery certificate."""
