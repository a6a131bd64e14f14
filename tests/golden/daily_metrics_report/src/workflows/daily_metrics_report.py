from datetime import timedelta

from restack_ai.workflow import import_functions, log, workflow

with import_functions():
    from src.functions.collect_metrics import collect_metrics
    from src.functions.post_report import post_report
    from src.models import PostReportInput


@workflow.defn()
class DailyMetricsReport:
    """Collects yesterday's metrics and posts a report every weekday morning."""

    @workflow.run
    async def run(self) -> None:
        log.info("DailyMetricsReport started")
        log.info("Step collect: collect_metrics")
        collect_result = await workflow.step(
            function=collect_metrics,
            start_to_close_timeout=timedelta(minutes=5),
        )
        log.info("Step post: post_report")
        await workflow.step(
            function=post_report,
            function_input=PostReportInput(
                signups=collect_result.signups,
                revenue=collect_result.revenue,
                errors_by_service=collect_result.errors_by_service,
            ),
            start_to_close_timeout=timedelta(minutes=5),
        )
        log.info("DailyMetricsReport completed")
