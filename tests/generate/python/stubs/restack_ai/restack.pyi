from datetime import timedelta
from typing import Any, Optional, Sequence

class CloudConnectionOptions:
    def __init__(
        self,
        engine_id: str,
        address: str,
        api_key: str,
        api_address: Optional[str] = None,
    ) -> None: ...

class ServiceOptions:
    def __init__(
        self,
        rate_limit: Optional[float] = None,
        max_concurrent_function_runs: Optional[int] = None,
        max_concurrent_workflow_runs: Optional[int] = None,
    ) -> None: ...

class ScheduleRange:
    def __init__(self, start: int, end: int = 0, step: int = 0) -> None: ...

class ScheduleIntervalSpec:
    def __init__(self, every: timedelta, offset: Optional[timedelta] = None) -> None: ...

class ScheduleCalendarSpec:
    def __init__(
        self,
        second: Sequence[ScheduleRange] = ...,
        minute: Sequence[ScheduleRange] = ...,
        hour: Sequence[ScheduleRange] = ...,
        day_of_month: Sequence[ScheduleRange] = ...,
        month: Sequence[ScheduleRange] = ...,
        year: Sequence[ScheduleRange] = ...,
        day_of_week: Sequence[ScheduleRange] = ...,
        comment: Optional[str] = None,
    ) -> None: ...

class ScheduleSpec:
    def __init__(
        self,
        *,
        calendars: Sequence[ScheduleCalendarSpec] = ...,
        intervals: Sequence[ScheduleIntervalSpec] = ...,
        cron_expressions: Sequence[str] = ...,
        time_zone_name: Optional[str] = None,
    ) -> None: ...

class Restack:
    def __init__(self, options: Optional[CloudConnectionOptions] = None) -> None: ...
    async def start_service(
        self,
        agents: Optional[Sequence[type]] = None,
        workflows: Optional[Sequence[type]] = None,
        functions: Optional[Sequence[Any]] = None,
        task_queue: Optional[str] = None,
        options: Optional[ServiceOptions] = None,
    ) -> None: ...
    async def schedule_workflow(
        self,
        workflow_name: str,
        workflow_id: str,
        input: Any = None,
        schedule: Optional[ScheduleSpec] = None,
        task_queue: Optional[str] = None,
    ) -> str: ...
    async def get_workflow_result(self, workflow_id: str, run_id: str) -> Any: ...
