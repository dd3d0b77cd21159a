"""One JSON object per log line (LOG_FORMAT=json), for journald, Docker or a log
collector. A dozen lines of our own rather than a dependency: the fields are few and
fixed, and a record's extra attributes (e.g. a request) are not ours to serialise."""

from __future__ import annotations

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
