from typing import Any, Callable, Optional

from restack_ai._log import Logger

log = Logger()


class _FunctionApi:
    def defn(self, name: Optional[str] = None) -> Callable[[Any], Any]:
        def decorate(fn: Any) -> Any:
            fn.__restack_function__ = name or fn.__name__
            return fn

        return decorate


function = _FunctionApi()


class NonRetryableError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)


class RetryableError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)


def function_info() -> Any:
    return None


def heartbeat(*details: Any) -> None:
    pass
