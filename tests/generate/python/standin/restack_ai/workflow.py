import asyncio
import contextlib
import inspect
import typing
from datetime import timedelta
from enum import Enum
from typing import Any, Callable, Iterator, Optional, Sequence

from restack_ai._log import Logger
from restack_ai._recorder import check_type, current_workflow, record

log = Logger()
_MISSING: Any = object()


class RetryPolicy:
    def __init__(
        self,
        *,
        initial_interval: Optional[timedelta] = None,
        backoff_coefficient: float = 2.0,
        maximum_interval: Optional[timedelta] = None,
        maximum_attempts: int = 0,
        non_retryable_error_types: Optional[Sequence[str]] = None,
    ) -> None:
        self.initial_interval = initial_interval
        self.backoff_coefficient = backoff_coefficient
        self.maximum_interval = maximum_interval
        self.maximum_attempts = maximum_attempts
        self.non_retryable_error_types = list(non_retryable_error_types or [])


class ParentClosePolicy(Enum):
    TERMINATE = 1
    ABANDON = 2
    REQUEST_CANCEL = 3


class WorkflowInfo:
    def __init__(self, workflow_id: str) -> None:
        self.workflow_id = workflow_id
        self.run_id = "run-" + workflow_id
        self.workflow_type = "standin"


def _hints(fn: Any) -> dict:
    try:
        return typing.get_type_hints(fn)
    except Exception:  # unresolvable annotations: no checks
        return {}


class _WorkflowApi:
    def defn(self, name: Optional[str] = None) -> Callable[[Any], Any]:
        def decorate(cls: Any) -> Any:
            if not inspect.iscoroutinefunction(getattr(cls, "run", None)):
                raise TypeError(f"{cls.__name__}: a workflow needs an async run method")
            cls.__restack_workflow__ = name or cls.__name__
            return cls

        return decorate

    def run(self, fn: Any) -> Any:
        fn.__restack_run__ = True
        return fn

    async def step(
        self,
        function: Any,
        function_input: Any = _MISSING,
        *,
        start_to_close_timeout: Optional[timedelta] = None,
        schedule_to_close_timeout: Optional[timedelta] = None,
        schedule_to_start_timeout: Optional[timedelta] = None,
        heartbeat_timeout: Optional[timedelta] = None,
        retry_policy: Optional[RetryPolicy] = None,
        task_queue: Optional[str] = None,
    ) -> Any:
        name = getattr(function, "__restack_function__", None)
        if name is None:
            raise TypeError(f"workflow.step: {function!r} is not a @function.defn() function")
        params = list(inspect.signature(function).parameters)
        hints = _hints(function)
        if function_input is _MISSING:
            if params:
                raise TypeError(f"workflow.step: {name} takes an input but none was passed")
        else:
            if not params:
                raise TypeError(f"workflow.step: {name} takes no input but one was passed")
            check_type(function_input, hints.get(params[0]), f"input of {name}")
        event = record(
            "step_start",
            function=name,
            input=None if function_input is _MISSING else function_input,
            start_to_close_timeout=start_to_close_timeout,
            retry_policy=retry_policy,
            task_queue=task_queue,
        )
        await asyncio.sleep(0)  # let every other gathered step start first
        result = await (function() if function_input is _MISSING else function(function_input))
        if "return" in hints:
            check_type(result, hints["return"], f"output of {name}")
        record("step_end", function=name, output=result, start=event)
        return result

    async def _child(self, kind: str, workflow: Any, workflow_id: str, workflow_input: Any, task_queue: Optional[str]) -> Any:
        if not hasattr(workflow, "__restack_workflow__"):
            raise TypeError(f"workflow.{kind}: {workflow!r} is not a @workflow.defn() class")
        if not isinstance(workflow_id, str) or not workflow_id:
            raise TypeError(f"workflow.{kind}: workflow_id must be a non-empty string")
        event = record(
            "child_start",
            child=workflow.__name__,
            workflow_id=workflow_id,
            input=None if workflow_input is _MISSING else workflow_input,
            task_queue=task_queue,
        )
        await asyncio.sleep(0)
        token = current_workflow.set(workflow_id)
        try:
            instance = workflow()
            result = await (instance.run() if workflow_input is _MISSING else instance.run(workflow_input))
        finally:
            current_workflow.reset(token)
        record("child_end", child=workflow.__name__, output=result, start=event)
        return result

    async def child_execute(
        self,
        workflow: Any,
        workflow_id: str,
        workflow_input: Any = _MISSING,
        task_queue: Optional[str] = None,
        parent_close_policy: Optional[ParentClosePolicy] = None,
    ) -> Any:
        return await self._child("child_execute", workflow, workflow_id, workflow_input, task_queue)

    async def child_start(
        self,
        workflow: Any,
        workflow_id: str,
        workflow_input: Any = _MISSING,
        task_queue: Optional[str] = None,
        parent_close_policy: Optional[ParentClosePolicy] = None,
    ) -> Any:
        return await self._child("child_start", workflow, workflow_id, workflow_input, task_queue)

    async def sleep(self, seconds: float) -> None:
        if not isinstance(seconds, (int, float)) or seconds <= 0:
            raise TypeError(f"workflow.sleep: expected a positive number of seconds, got {seconds!r}")
        event = record("sleep_start", seconds=seconds)
        await asyncio.sleep(0)
        record("sleep_end", seconds=seconds, start=event)


workflow = _WorkflowApi()


@contextlib.contextmanager
def import_functions() -> Iterator[None]:
    yield


def workflow_info() -> WorkflowInfo:
    return WorkflowInfo(current_workflow.get() or "standin-workflow")


def uuid() -> str:
    return "00000000-0000-0000-0000-000000000000"


class NonRetryableError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
