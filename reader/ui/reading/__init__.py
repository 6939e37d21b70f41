"""The reading view: one article with its statements highlighted."""
