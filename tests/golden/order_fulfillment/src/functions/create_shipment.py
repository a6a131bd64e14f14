from restack_ai.function import function, log

from src.models import CreateShipmentInput, CreateShipmentOutput


@function.defn()
async def create_shipment(input: CreateShipmentInput) -> CreateShipmentOutput:
    """Books a carrier and prints the label."""
    log.info("create_shipment started")
    # TODO: implement create_shipment: Books a carrier and prints the label.
    return CreateShipmentOutput(tracking_number="")
