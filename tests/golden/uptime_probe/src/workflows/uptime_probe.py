from datetime import timedelta

from restack_ai.workflow import RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.alert_if_down import alert_if_down
    from src.functions.probe_url import probe_url
    from src.models import AlertIfDownInput, UptimeProbeInput, UptimeProbeOutput


@workflow.defn()
class UptimeProbe:
    """Probes a website every five minutes and alerts when it is down."""

    @workflow.run
    async def run(self, workflow_input: UptimeProbeInput) -> UptimeProbeOutput:
        log.info("UptimeProbe started")
        log.info("Step probe: probe_url")
        probe_result = await workflow.step(
            function=probe_url,
            function_input=workflow_input,
            start_to_close_timeout=timedelta(seconds=15),
            retry_policy=RetryPolicy(maximum_attempts=2),
        )
        log.info("Step alert: alert_if_down")
        alert_result = await workflow.step(
            function=alert_if_down,
            function_input=AlertIfDownInput(
                status=probe_result.status,
                latency_ms=probe_result.latency_ms,
                expected=workflow_input.expected_status,
            ),
            start_to_close_timeout=timedelta(minutes=2),
        )
        log.info("UptimeProbe completed")
        return UptimeProbeOutput(healthy=alert_result.healthy)
