from datetime import timedelta
from typing import Any, List, Optional, Sequence

from restack_ai._recorder import record


class CloudConnectionOptions:
    def __init__(self, engine_id: str, address: str, api_key: str, api_address: Optional[str] = None) -> None:
        self.engine_id, self.address, self.api_key, self.api_address = engine_id, address, api_key, api_address


class ServiceOptions:
    def __init__(self, rate_limit: Any = None, max_concurrent_function_runs: Any = None, max_concurrent_workflow_runs: Any = None) -> None:
        self.rate_limit = rate_limit


class ScheduleRange:
    def __init__(self, start: int, end: int = 0, step: int = 0) -> None:
        self.start, self.end, self.step = start, end, step


class ScheduleIntervalSpec:
    def __init__(self, every: timedelta, offset: Optional[timedelta] = None) -> None:
        if not isinstance(every, timedelta):
            raise TypeError("ScheduleIntervalSpec.every must be a timedelta")
        self.every, self.offset = every, offset


class ScheduleCalendarSpec:
    def __init__(self, **kwargs: Any) -> None:
        self.__dict__.update(kwargs)


class ScheduleSpec:
    def __init__(
        self,
        *,
        calendars: Sequence[Any] = (),
        intervals: Sequence[ScheduleIntervalSpec] = (),
        cron_expressions: Sequence[str] = (),
        time_zone_name: Optional[str] = None,
    ) -> None:
        self.calendars, self.intervals = list(calendars), list(intervals)
        self.cron_expressions, self.time_zone_name = list(cron_expressions), time_zone_name


class Restack:
    def __init__(self, options: Optional[CloudConnectionOptions] = None) -> None:
        self.options = options

    async def start_service(
        self,
        agents: Optional[Sequence[type]] = None,
        workflows: Optional[Sequence[type]] = None,
        functions: Optional[Sequence[Any]] = None,
        task_queue: Optional[str] = None,
        options: Optional[ServiceOptions] = None,
    ) -> None:
        for w in workflows or []:
            if not hasattr(w, "__restack_workflow__"):
                raise TypeError(f"start_service: {w!r} is not a workflow")
        for f in functions or []:
            if not hasattr(f, "__restack_function__"):
                raise TypeError(f"start_service: {f!r} is not a function")
        record(
            "service",
            task_queue=task_queue,
            workflows=[w.__name__ for w in workflows or []],
            functions=[f.__restack_function__ for f in functions or []],
        )

    async def schedule_workflow(
        self, workflow_name: str, workflow_id: str, input: Any = None, schedule: Any = None, task_queue: Optional[str] = None
    ) -> str:
        record("schedule", workflow_name=workflow_name, workflow_id=workflow_id, input=input, schedule=schedule, task_queue=task_queue)
        return "run-" + workflow_id

    async def get_workflow_result(self, workflow_id: str, run_id: str) -> Any:
        return None


__all__: List[str] = ["Restack", "CloudConnectionOptions", "ServiceOptions", "ScheduleSpec", "ScheduleIntervalSpec"]
