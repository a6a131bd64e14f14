from datetime import timedelta

from restack_ai.workflow import import_functions, log, workflow

with import_functions():
    from src.functions.sync_usage_records import sync_usage_records


@workflow.defn()
class NightlyUsageSync:
    """Keeps the billing database in step with metering, every weekday night."""

    @workflow.run
    async def run(self) -> None:
        log.info("NightlyUsageSync started")
        log.info("Step sync: sync_usage_records")
        await workflow.step(
            function=sync_usage_records,
            start_to_close_timeout=timedelta(minutes=10),
            task_queue="billing",
        )
        log.info("NightlyUsageSync completed")
