"""`make image-test`, in parts: see scripts/image_test.py."""
