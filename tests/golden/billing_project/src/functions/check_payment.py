from restack_ai.function import function, log

from src.models import CheckPaymentInput, CheckPaymentOutput


@function.defn()
async def check_payment(input: CheckPaymentInput) -> CheckPaymentOutput:
    """Asks the payment provider whether an invoice was paid."""
    log.info("check_payment started")
    # TODO: implement check_payment: Asks the payment provider whether an invoice was paid.
    return CheckPaymentOutput(paid=False, paid_at=None)
