from restack_ai.function import function, log

from src.models import ChargePaymentInput, ChargePaymentOutput


@function.defn()
async def charge_payment(input: ChargePaymentInput) -> ChargePaymentOutput:
    """Charges the customer's card for a reservation."""
    log.info("charge_payment started")
    # TODO: implement charge_payment: Charges the customer's card for a reservation.
    return ChargePaymentOutput(charge_id="")
