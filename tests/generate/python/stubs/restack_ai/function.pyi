from typing import Any, Callable, Optional, TypeVar

from restack_ai._log import Logger

_F = TypeVar("_F", bound=Callable[..., Any])

class _FunctionApi:
    def defn(self, name: Optional[str] = None) -> Callable[[_F], _F]: ...

function: _FunctionApi
log: Logger

class NonRetryableError(Exception):
    def __init__(self, message: str) -> None: ...

class RetryableError(Exception):
    def __init__(self, message: str) -> None: ...

def function_info() -> Any: ...
def heartbeat(*details: Any) -> None: ...
