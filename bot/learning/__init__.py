"""Learning outside the pure core: the FSRS scheduler and discernment statistics for reports."""
