"""Group contests at run time: the clock that asks each question and posts the results."""
