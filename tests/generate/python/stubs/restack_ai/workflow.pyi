from datetime import timedelta
from enum import Enum
from typing import Any, Awaitable, Callable, ContextManager, Optional, Sequence, TypeVar

from restack_ai._log import Logger

_F = TypeVar("_F", bound=Callable[..., Any])
_C = TypeVar("_C", bound=type)
_T = TypeVar("_T")

class RetryPolicy:
    def __init__(
        self,
        *,
        initial_interval: Optional[timedelta] = None,
        backoff_coefficient: float = 2.0,
        maximum_interval: Optional[timedelta] = None,
        maximum_attempts: int = 0,
        non_retryable_error_types: Optional[Sequence[str]] = None,
    ) -> None: ...

class ParentClosePolicy(Enum):
    TERMINATE = 1
    ABANDON = 2
    REQUEST_CANCEL = 3

class WorkflowInfo:
    workflow_id: str
    run_id: str
    workflow_type: str

class _WorkflowApi:
    def defn(self, name: Optional[str] = None) -> Callable[[_C], _C]: ...
    def run(self, fn: _F) -> _F: ...
    async def step(
        self,
        function: Callable[..., Awaitable[_T]],
        function_input: Any = ...,
        *,
        start_to_close_timeout: Optional[timedelta] = None,
        schedule_to_close_timeout: Optional[timedelta] = None,
        schedule_to_start_timeout: Optional[timedelta] = None,
        heartbeat_timeout: Optional[timedelta] = None,
        retry_policy: Optional[RetryPolicy] = None,
        task_queue: Optional[str] = None,
    ) -> _T: ...
    async def child_execute(
        self,
        workflow: type,
        workflow_id: str,
        workflow_input: Any = ...,
        task_queue: Optional[str] = None,
        parent_close_policy: Optional[ParentClosePolicy] = None,
    ) -> Any: ...
    async def child_start(
        self,
        workflow: type,
        workflow_id: str,
        workflow_input: Any = ...,
        task_queue: Optional[str] = None,
        parent_close_policy: Optional[ParentClosePolicy] = None,
    ) -> Any: ...
    async def sleep(self, seconds: float) -> None: ...

workflow: _WorkflowApi
log: Logger

def import_functions() -> ContextManager[None]: ...
def workflow_info() -> WorkflowInfo: ...
def uuid() -> str: ...

class NonRetryableError(Exception):
    def __init__(self, message: str) -> None: ...
