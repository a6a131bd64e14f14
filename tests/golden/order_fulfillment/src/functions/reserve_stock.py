from restack_ai.function import function, log

from src.models import ReserveStockInput, ReserveStockOutput


@function.defn()
async def reserve_stock(input: ReserveStockInput) -> ReserveStockOutput:
    """Reserves the ordered items in a warehouse."""
    log.info("reserve_stock started")
    # TODO: implement reserve_stock: Reserves the ordered items in a warehouse.
    return ReserveStockOutput(reservation_id="", backordered=[])
