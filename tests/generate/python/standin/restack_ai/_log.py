from typing import Any

from restack_ai._recorder import record


class Logger:
    def _log(self, level: str, msg: str, **kwargs: Any) -> None:
        if not isinstance(msg, str):
            raise TypeError("log message must be a string")
        record("log", level=level, message=msg, fields=kwargs)

    def debug(self, msg: str, **kwargs: Any) -> None:
        self._log("debug", msg, **kwargs)

    def info(self, msg: str, **kwargs: Any) -> None:
        self._log("info", msg, **kwargs)

    def warning(self, msg: str, **kwargs: Any) -> None:
        self._log("warning", msg, **kwargs)

    def error(self, msg: str, **kwargs: Any) -> None:
        self._log("error", msg, **kwargs)
