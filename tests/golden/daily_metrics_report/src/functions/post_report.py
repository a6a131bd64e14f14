from restack_ai.function import function, log

from src.models import PostReportInput


@function.defn()
async def post_report(input: PostReportInput) -> None:
    """Posts the report to the team channel."""
    log.info("report", signups=input.signups, revenue=str(input.revenue), channel=input.channel)
