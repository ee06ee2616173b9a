"""Reports for staff: the figures behind `antifraud stats` and its chart."""
