"""The deterministic data generator behind `luoshi gen` (issue 7): see build.py."""
