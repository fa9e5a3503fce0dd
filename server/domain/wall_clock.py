"""Parsing of local wall-clock times, shared by schemas and schedules."""

from datetime import time


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))
