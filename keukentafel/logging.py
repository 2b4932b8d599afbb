"""Keep BSNs out of the logs: any 9-digit number that passes the elfproef is masked, also when written
in groups with dots, spaces or dashes (123.456.782)."""

from __future__ import annotations

import logging
import re

from stdnum.nl import bsn

_NINE_DIGITS = re.compile(r"(?<!\d)\d(?:[ .-]?\d){8}(?!\d)")


def mask_bsn(text: str) -> str:
    return _NINE_DIGITS.sub(lambda m: "*********" if bsn.is_valid(re.sub(r"\D", "", m.group(0))) else m.group(0), text)


class BsnMaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_bsn(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
