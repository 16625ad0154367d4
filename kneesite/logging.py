"""Logging filters."""

import logging


class OneLine(logging.Filter):
    """A refused request (a bad Host header, say) is worth one short line, not a traceback
    that repeats the attacker's input: keep the message, cut it, drop the exception."""

    MAX_CHARS = 300

    def filter(self, record):
        message = record.getMessage().splitlines()[0] if record.getMessage() else ""
        record.msg, record.args = message[: self.MAX_CHARS], ()
        record.exc_info = record.exc_text = None
        return True
